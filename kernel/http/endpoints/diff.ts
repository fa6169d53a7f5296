import { diff, diffDocuments, parseDiffRequest } from '../../diff/index.js';
import { findDocument, normalizeSubmitted, renderDocument, resolveDocumentId } from '../../schema/index.js';
import type { Snapshot } from '../../store/index.js';
import type { Json, JsonObject } from '../../types.js';
import { jsonObjectBody, type RequestContext } from '../context.js';
import { ok } from '../respond.js';
import { parsePath, resolveDatabase } from '../resolve.js';
import type { Endpoint } from '../route.js';
import { resolveVersion } from './versions.js';

/** A stored document in the contracted, unfolded form that diffs use. */
export function diffView(s: Snapshot, id: string): JsonObject | undefined {
  const stored = findDocument(s, 'instance', id);
  return stored === undefined ? undefined : renderDocument(s, 'instance', stored, { compressIds: true, unfold: true });
}

async function handleDiff(ctx: RequestContext): Promise<Json> {
  const body = (await jsonObjectBody(ctx, { required: true })) ?? {};
  const req = parseDiffRequest(body);
  const opts = { keep: req.keep, copyValue: req.copyValue };
  if (req.kind === 'values') return diff(req.before, req.after, opts);
  const d = parsePath(ctx.path);
  const db = resolveDatabase(ctx, d, 'read');
  const store = ctx.deps.store;
  const before = resolveVersion(store, db, req.beforeVersion);
  switch (req.kind) {
    case 'document': {
      const after = resolveVersion(store, db, req.afterVersion);
      const id = resolveDocumentId(before, 'instance', req.documentId);
      return documentDiff(diffView(before, id), diffView(after, id), req.documentId, opts);
    }
    case 'submitted': {
      const id = resolveDocumentId(before, 'instance', req.documentId);
      return documentDiff(diffView(before, id), normalizeSubmitted(before, req.after), req.documentId, opts);
    }
    case 'versions': {
      const after = resolveVersion(store, db, req.afterVersion);
      const start = req.start ?? 0;
      const out: Json[] = [];
      let index = 0;
      for (const id of after.changedIds(before, 'instance')) {
        const change = diffDocuments(diffView(before, id), diffView(after, id), opts);
        if (change === undefined) continue;
        if (index++ < start) continue;
        if (req.count !== undefined && out.length >= req.count) break;
        out.push(change);
      }
      return out;
    }
    default: {
      const never: never = req;
      return never;
    }
  }
}

function documentDiff(
  before: JsonObject | undefined,
  after: JsonObject | undefined,
  id: string,
  opts: { keep: JsonObject; copyValue: boolean },
): Json {
  if (before !== undefined && after !== undefined) return diff(before, after, opts);
  return diffDocuments(before, after, opts) ?? { '@id': id };
}

/** `POST /api/diff[/{path}]` (§8.2). */
export const diffEndpoint: Endpoint = {
  name: 'diff',
  bare: true,
  methods: {
    POST: { errorType: 'api:DiffErrorResponse', handle: async (ctx) => ok(await handleDiff(ctx)) },
  },
};
