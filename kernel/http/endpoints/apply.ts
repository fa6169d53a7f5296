import { applyConflictError, applyDocumentPatch, diffDocuments } from '../../diff/index.js';
import { missingParameter } from '../../errors.js';
import { fullIri, type WriteOp } from '../../schema/index.js';
import type { JsonObject } from '../../types.js';
import { jsonObjectBody } from '../context.js';
import { ok } from '../respond.js';
import { parsePath, resolveRef } from '../resolve.js';
import type { Endpoint } from '../route.js';
import { diffView } from './diff.js';
import { commitWrite } from './documentWrite.js';
import { commitInfoOf } from './squashReset.js';
import { resolveVersion } from './versions.js';

/** `POST /api/apply/{branch}` (§8.4): the changes between two versions, applied as one commit. */
export const applyEndpoint: Endpoint = {
  name: 'apply',
  methods: {
    POST: {
      errorType: 'api:ApplyErrorResponse',
      handle: async (ctx) => {
        const body = (await jsonObjectBody(ctx, { required: true })) ?? {};
        if (!('before_commit' in body)) throw missingParameter('before_commit');
        if (!('after_commit' in body)) throw missingParameter('after_commit');
        const { author, message } = commitInfoOf(body);
        const ref = resolveRef(ctx, parsePath(ctx.path), 'write');
        const store = ctx.deps.store;
        const before = resolveVersion(store, ref.db, body['before_commit']);
        const after = resolveVersion(store, ref.db, body['after_commit']);
        const keep = body['keep'];
        const options = keep !== null && typeof keep === 'object' && !Array.isArray(keep) ? { keep } : {};
        const matchFinalState = body['match_final_state'] !== false;
        const witnesses: JsonObject[] = [];
        const upserts: JsonObject[] = [];
        const deletes: string[] = [];
        for (const id of after.changedIds(before, 'instance')) {
          const change = diffDocuments(diffView(before, id), diffView(after, id), options);
          if (change === undefined) continue;
          const result = applyDocumentPatch(diffView(ref.snapshot, id), change, {
            matchFinalState,
            expandId: (x) => fullIri(ref.snapshot, x),
          });
          if (!result.ok) witnesses.push(result.conflict);
          else if (result.value === undefined) deletes.push(id);
          else upserts.push(result.value);
        }
        if (witnesses.length > 0) {
          throw applyConflictError(witnesses);
        }
        const ops: WriteOp[] = [];
        if (deletes.length > 0) ops.push({ kind: 'delete', graph: 'instance', ids: deletes });
        if (upserts.length > 0) ops.push({ kind: 'replace', graph: 'instance', docs: upserts, create: true });
        if (ops.length > 0) commitWrite(ctx, ref, ops, { author, message });
        return ok({ '@type': 'api:ApplyResponse', 'api:status': 'api:success' });
      },
    },
  },
};
