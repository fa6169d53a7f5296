import { ApiError, badRequest } from '../../errors.js';
import { planWrite, type WriteOp, type WritePlan } from '../../schema/index.js';
import type { JsonObject } from '../../types.js';
import { documentsBody, headerOf, type RequestContext } from '../context.js';
import { badParameterType, Params } from '../params.js';
import type { KernelResponse } from '../respond.js';
import { checkDataVersion, parsePath, type ResolvedRef, resolveRef } from '../resolve.js';

/** author and message, required on every document write (author checked first, §4.1). */
export function commitInfo(params: Params): { author: string; message: string } {
  const author = params.requiredString('author');
  const message = params.requiredString('message');
  return { author, message };
}

/** Plans `ops` on the branch head, commits them as one commit and returns the new data version. */
export function commitWrite(
  ctx: RequestContext,
  ref: ResolvedRef,
  ops: readonly WriteOp[],
  info: { author: string; message: string },
): { plan: WritePlan; dataVersion: string } {
  const branch = ref.branch;
  if (branch === undefined) throw new Error('commitWrite needs a branch');
  const plan = planWrite(ref.snapshot, ops, { schemaless: ref.db.schemaless });
  const input = {
    author: info.author,
    message: info.message,
    user: ctx.user.iri,
    changes: plan.changes,
    ...(plan.context === undefined ? {} : { context: plan.context }),
    ...(plan.clearGraphs === undefined ? {} : { clearGraphs: plan.clearGraphs }),
  };
  const { commit } = ctx.deps.store.commit(ref.db, branch, input, ref.snapshot.commit.id);
  return { plan, dataVersion: `branch:${commit.id}` };
}

async function writableRef(ctx: RequestContext): Promise<{ params: Params; ref: ResolvedRef; info: { author: string; message: string } }> {
  // Writes take their parameters from the query string only (§4.4–§4.6): the body is the documents,
  // whose properties (e.g. one named `graph_type` or `message`) must never be read as parameters.
  const params = new Params(ctx.query, undefined);
  const info = commitInfo(params);
  const ref = resolveRef(ctx, parsePath(ctx.path), 'write');
  checkDataVersion(headerOf(ctx, 'terminusdb-data-version'), ref.dataVersion);
  return { params, ref, info };
}

/** `POST /api/document/{path}`: insert (§4.4). */
export async function insertDocuments(ctx: RequestContext): Promise<KernelResponse> {
  const { params, ref, info } = await writableRef(ctx);
  const graph = params.graphType();
  const rawJson = params.boolean('raw_json', false);
  const fullReplace = params.boolean('full_replace', false);
  const overwrite = params.boolean('overwrite', false);
  const mergeRepeats = params.boolean('merge_repeats', false);
  params.boolean('require_migration', false);
  params.boolean('allow_destructive_migration', false);
  if (rawJson && graph === 'schema') {
    throw badRequest('api:DocumentInsertionRawJSONSchemaDisallowed', 'Raw JSON documents cannot be inserted in the schema graph');
  }
  const docs = await documentsBody(ctx);
  const op: WriteOp = { kind: 'insert', graph, docs, fullReplace, rawJson, overwrite, mergeRepeats };
  const { plan, dataVersion } = commitWrite(ctx, ref, [op], info);
  return { status: 200, json: plan.results[0] ?? [], headers: { 'TerminusDB-Data-Version': dataVersion } };
}

/** `PUT /api/document/{path}`: replace, or upsert with `create=true` (§4.5). */
export async function replaceDocuments(ctx: RequestContext): Promise<KernelResponse> {
  const { params, ref, info } = await writableRef(ctx);
  const graph = params.graphType();
  const rawJson = params.boolean('raw_json', false);
  const create = params.boolean('create', false);
  const mergeRepeats = params.boolean('merge_repeats', false);
  params.boolean('require_migration', false);
  params.boolean('allow_destructive_migration', false);
  const docs = await documentsBody(ctx);
  const op: WriteOp = { kind: 'replace', graph, docs, create, rawJson, mergeRepeats };
  const { plan, dataVersion } = commitWrite(ctx, ref, [op], info);
  return { status: 200, json: plan.results[0] ?? [], headers: { 'TerminusDB-Data-Version': dataVersion } };
}

/** `DELETE /api/document/{path}` (§4.6): nuke, id, type, or a body listing ids. */
export async function deleteDocuments(ctx: RequestContext): Promise<KernelResponse> {
  const { params, ref, info } = await writableRef(ctx);
  const graph = params.graphType();
  let op: WriteOp;
  if (params.boolean('nuke', false)) op = { kind: 'delete', graph, nuke: true };
  else if (params.string('id') !== undefined) op = { kind: 'delete', graph, ids: [params.string('id') ?? ''] };
  else if (params.string('type') !== undefined) op = { kind: 'delete', graph, type: params.string('type') ?? '' };
  else {
    const ids = await bodyIds(ctx);
    if (ids === undefined) throw new ApiError('api:failure', 'No targets specified for deletion', { '@type': 'api:MissingTargets' });
    op = { kind: 'delete', graph, ids };
  }
  const { dataVersion } = commitWrite(ctx, ref, [op], info);
  return { status: 204, headers: { 'TerminusDB-Data-Version': dataVersion } };
}

async function bodyIds(ctx: RequestContext): Promise<string[] | undefined> {
  const raw = (await ctx.body()).toString('utf8');
  if (raw.trim() === '') return undefined;
  const values = await documentsBody(ctx);
  const ids: string[] = [];
  for (const v of values) {
    if (typeof v !== 'string' || v === '') throw badParameterType('id', 'non-empty string', v as JsonObject);
    ids.push(v);
  }
  return ids;
}
