import { badRequest, missingParameter } from '../../errors.js';
import { diffDocuments } from '../../diff/index.js';
import { findDocument, resolveDocumentId } from '../../schema/index.js';
import type { Snapshot } from '../../store/index.js';
import type { CommitRecord, Json, JsonObject } from '../../types.js';
import { paramsOf } from '../context.js';
import { ok } from '../respond.js';
import { parsePath, resolveRef } from '../resolve.js';
import type { Endpoint } from '../route.js';
import { commitDocument } from './commitsGraph.js';

function sameDoc(a: JsonObject | undefined, b: JsonObject | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}

function parseTime(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) {
    throw badRequest('api:BadParameterType', `Parameter ${name} is not an ISO-8601 time`, {
      'api:parameter': name,
      'api:expected_type': 'xsd:dateTime',
      'api:value': value,
    });
  }
  return t / 1000;
}

interface Change {
  readonly commit: CommitRecord;
  readonly before: JsonObject | undefined;
  readonly after: JsonObject | undefined;
}

/** `GET /api/history/{path}?id=` (§7.6): the commits that changed one document. */
export const historyEndpoint: Endpoint = {
  name: 'history',
  methods: {
    GET: {
      errorType: 'api:HistoryErrorResponse',
      handle: async (ctx) => {
        const params = await paramsOf(ctx);
        const id = params.string('id');
        if (id === undefined) throw missingParameter('id');
        if (params.boolean('fast', false)) {
          throw badRequest('api:FastHistoryNotAvailable', 'Fast history is not available in this edition');
        }
        const start = params.nonNegativeInteger('start') ?? 0;
        const count = params.nonNegativeInteger('count');
        const created = params.boolean('created', false);
        const updated = params.boolean('updated', false);
        const complete = params.boolean('complete', false);
        const withDiff = params.boolean('diff', false);
        const streaming = params.boolean('streaming', false);
        const graph = params.graphType();
        const before = parseTime(params.string('before'), 'before');
        const after = parseTime(params.string('after'), 'after');
        const ref = resolveRef(ctx, parsePath(ctx.path), 'read');
        const store = ctx.deps.store;
        const docId = resolveDocumentId(ref.snapshot, graph, id);
        const at = (s: Snapshot): JsonObject | undefined => findDocument(s, graph, docId);
        const changes: Change[] = [];
        for (const c of store.history(ref.db, ref.snapshot.commit.id)) {
          const now = at(store.snapshot(ref.db, c.id));
          const prev = c.parent === undefined ? undefined : at(store.snapshot(ref.db, c.parent));
          if (sameDoc(now, prev)) continue;
          if (before !== undefined && c.timestamp > before) continue;
          if (after !== undefined && c.timestamp < after) continue;
          changes.push({ commit: c, before: prev, after: now });
        }
        const entry = (ch: Change): JsonObject => {
          const full = commitDocument(ch.commit);
          delete full['@id'];
          delete full['@type'];
          const e: JsonObject = complete
            ? full
            : {
                identifier: ch.commit.id,
                author: ch.commit.author,
                message: ch.commit.message,
                timestamp: ch.commit.timestamp,
                user: ch.commit.user,
              };
          if (withDiff) e['diff'] = (diffDocuments(ch.before, ch.after) ?? null) as Json;
          return e;
        };
        if (created || updated) {
          const out: JsonObject = {};
          const first = changes[changes.length - 1];
          const last = changes[0];
          if (created) out['created'] = first === undefined ? null : entry(first);
          if (updated) out['updated'] = last === undefined ? null : entry(last);
          return ok(out);
        }
        const end = count === undefined ? undefined : start + count;
        const page = changes.slice(start, end).map(entry);
        if (streaming) {
          return {
            status: 200,
            text: page.map((e) => `${JSON.stringify(e)}\n`).join(''),
            contentType: 'application/x-ndjson',
          };
        }
        return ok(page);
      },
    },
  },
};
