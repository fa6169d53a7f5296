import { applyDocumentPatch, patch, patchConflictError } from '../../diff/index.js';
import { badRequest, missingParameter } from '../../errors.js';
import { fullIri, resolveDocumentId, type WriteOp } from '../../schema/index.js';
import type { Json, JsonObject } from '../../types.js';
import { jsonObjectBody, paramsOf, type RequestContext } from '../context.js';
import { type KernelResponse, ok } from '../respond.js';
import { parsePath, resolveRef } from '../resolve.js';
import type { Endpoint } from '../route.js';
import { diffView } from './diff.js';
import { commitWrite } from './documentWrite.js';

/** Stateless patch: 200 with the patched value, or 409 with the conflict structure as the body. */
async function statelessPatch(ctx: RequestContext): Promise<KernelResponse> {
  const body = (await jsonObjectBody(ctx, { required: true })) ?? {};
  if (!('before' in body) || !('patch' in body)) throw missingParameter('before' in body ? 'patch' : 'before');
  const result = patch(body['before'] ?? null, body['patch'] ?? null, {
    matchFinalState: body['match_final_state'] !== false,
  });
  return result.ok ? ok(result.value) : { status: 409, json: result.conflict };
}

/** Writes per-document patches to a branch as one commit: ids of the affected documents. */
async function resourcePatch(ctx: RequestContext): Promise<{ json: Json; dataVersion: string }> {
  const body = (await jsonObjectBody(ctx, { required: true })) ?? {};
  const params = await paramsOf(ctx);
  const author = params.string('author');
  const message = params.string('message');
  if (author === undefined || author === '') throw missingParameter('author');
  if (message === undefined || message === '') throw missingParameter('message');
  const raw = body['patch'];
  if (raw === undefined || raw === null) throw missingParameter('patch');
  const patches = Array.isArray(raw) ? raw : [raw];
  const ref = resolveRef(ctx, parsePath(ctx.path), 'write');
  const matchFinalState = body['match_final_state'] !== false;
  const conflicts: JsonObject[] = [];
  const upserts: JsonObject[] = [];
  const deletes: string[] = [];
  const ids: string[] = [];
  for (const p of patches) {
    if (p === null || typeof p !== 'object' || Array.isArray(p) || typeof p['@id'] !== 'string') {
      throw badRequest('api:PatchMissingId', 'Every patch needs an @id', { 'api:document': p });
    }
    const id = resolveDocumentId(ref.snapshot, 'instance', p['@id']);
    const result = applyDocumentPatch(diffView(ref.snapshot, id), { ...p, '@id': id }, {
      matchFinalState,
      expandId: (x) => fullIri(ref.snapshot, x),
    });
    if (!result.ok) {
      // Conflicts name the document as the caller did.
      conflicts.push('@id' in result.conflict ? { ...result.conflict, '@id': p['@id'] } : result.conflict);
      continue;
    }
    ids.push(fullIri(ref.snapshot, id));
    if (result.value === undefined) deletes.push(id);
    else upserts.push(result.value);
  }
  if (conflicts.length > 0) throw patchConflictError(conflicts);
  const ops: WriteOp[] = [];
  if (deletes.length > 0) ops.push({ kind: 'delete', graph: 'instance', ids: deletes });
  if (upserts.length > 0) ops.push({ kind: 'replace', graph: 'instance', docs: upserts, create: true });
  const { dataVersion } = commitWrite(ctx, ref, ops, { author, message });
  return { json: ids, dataVersion };
}

/** `POST /api/patch` (stateless) and `POST /api/patch/{path}` (§8.3). */
export const patchEndpoint: Endpoint = {
  name: 'patch',
  bare: true,
  methods: {
    POST: {
      errorType: 'api:PatchErrorResponse',
      handle: async (ctx) => {
        if (ctx.path.split('/').every((s) => s === '')) return statelessPatch(ctx);
        const { json, dataVersion } = await resourcePatch(ctx);
        return ok(json, { 'TerminusDB-Data-Version': dataVersion });
      },
    },
  },
};
