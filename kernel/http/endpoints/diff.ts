import { diff, diffDocuments } from '../../diff/index.js';
import { ApiError } from '../../errors.js';
import { findDocument, normalizeSubmitted, renderDocument, resolveDocumentId } from '../../schema/index.js';
import type { Snapshot } from '../../store/index.js';
import type { Json, JsonObject } from '../../types.js';
import { jsonObjectBody, type RequestContext } from '../context.js';
import { ok } from '../respond.js';
import { parsePath, resolveDatabase } from '../resolve.js';
import type { Endpoint } from '../route.js';
import { resolveVersion } from './versions.js';

const CHOICES: Json = [
  ['before', 'after'],
  ['before_data_version', 'after_data_version'],
  ['before_data_version', 'after_data_version', 'document_id'],
  ['before_data_version', 'after', 'document_id'],
];

function choiceMissing(body: JsonObject): never {
  throw new ApiError(
    'api:failure',
    'The request is missing a required choice of fields',
    { '@type': 'api:RequiredFieldsChoiceMissing', 'api:expected': CHOICES, 'api:document': body },
    { envelopeType: 'api:BadAPIDocumentErrorResponse' },
  );
}

/** A stored document in the contracted, unfolded form that diffs use. */
export function diffView(s: Snapshot, id: string): JsonObject | undefined {
  const stored = findDocument(s, 'instance', id);
  return stored === undefined ? undefined : renderDocument(s, 'instance', stored, { compressIds: true, unfold: true });
}

function options(body: JsonObject): { keep?: JsonObject; copyValue?: boolean } {
  const o: { keep?: JsonObject; copyValue?: boolean } = {};
  const keep = body['keep'];
  if (keep !== null && typeof keep === 'object' && !Array.isArray(keep)) o.keep = keep;
  if (typeof body['copy_value'] === 'boolean') o.copyValue = body['copy_value'];
  return o;
}

async function handleDiff(ctx: RequestContext): Promise<Json> {
  const body = (await jsonObjectBody(ctx, { required: true })) ?? {};
  const has = (k: string): boolean => k in body;
  const opts = options(body);
  if (has('before') && has('after') && !has('before_data_version')) {
    return diff(body['before'] ?? null, body['after'] ?? null, opts);
  }
  if (!has('before_data_version') || ctx.path.split('/').every((s) => s === '')) choiceMissing(body);
  const d = parsePath(ctx.path);
  const db = resolveDatabase(ctx, d, 'read');
  const store = ctx.deps.store;
  const before = resolveVersion(store, db, body['before_data_version']);
  const docId = body['document_id'];
  if (has('after_data_version')) {
    const after = resolveVersion(store, db, body['after_data_version']);
    if (typeof docId === 'string') {
      const id = resolveDocumentId(before, 'instance', docId);
      return (diffDocuments(diffView(before, id), diffView(after, id), opts) ?? { '@id': docId }) as Json;
    }
    const start = typeof body['start'] === 'number' ? body['start'] : 0;
    const count = typeof body['count'] === 'number' ? body['count'] : undefined;
    const out: Json[] = [];
    let index = 0;
    for (const id of after.changedIds(before, 'instance')) {
      const change = diffDocuments(diffView(before, id), diffView(after, id), opts);
      if (change === undefined) continue;
      if (index++ < start) continue;
      if (count !== undefined && out.length >= count) break;
      out.push(change as Json);
    }
    return out;
  }
  if (has('after') && typeof docId === 'string') {
    const after = body['after'];
    if (after === null || typeof after !== 'object' || Array.isArray(after)) choiceMissing(body);
    const id = resolveDocumentId(before, 'instance', docId);
    const submitted = normalizeSubmitted(before, after);
    return (diffDocuments(diffView(before, id), submitted, opts) ?? { '@id': docId }) as Json;
  }
  return choiceMissing(body);
}

/** `POST /api/diff[/{path}]` (§8.2). */
export const diffEndpoint: Endpoint = {
  name: 'diff',
  bare: true,
  methods: {
    POST: { errorType: 'api:DiffErrorResponse', handle: async (ctx) => ok(await handleDiff(ctx)) },
  },
};
