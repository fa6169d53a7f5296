import { badRequest, notFound } from '../../errors.js';
import { compileQuery, findDocument, renderDocument, resolveDocumentId, typesFor } from '../../schema/index.js';
import type { Snapshot } from '../../store/index.js';
import type { GraphType, Json, JsonObject } from '../../types.js';
import { headerOf, paramsOf, type RequestContext } from '../context.js';
import type { Params } from '../params.js';
import { badParameterType } from '../params.js';
import type { KernelResponse } from '../respond.js';
import { checkDataVersion, parsePath, resolveDatabase, resolveRef } from '../resolve.js';
import { commitsGraphDocuments, metaGraphDocuments, repositoryVersion } from './commitsGraph.js';

const STREAM_TYPE = 'application/json; stream=true; charset=UTF-8';
const LIST_TYPE = 'application/json; charset=UTF-8';

interface ReadOptions {
  readonly graph: GraphType;
  readonly asList: boolean;
  readonly minimized: boolean;
  readonly compressIds: boolean;
  readonly unfold: boolean;
  readonly skip: number;
  readonly count: number | undefined;
}

function readOptions(params: Params): ReadOptions {
  const graph = params.graphType();
  const asList = params.boolean('as_list', false);
  const unfold = params.boolean('unfold', true);
  const minimized = params.boolean('minimized', true);
  const prefixed = params.boolean('prefixed', true);
  const compressIds = params.boolean('compress_ids', prefixed);
  const skip = params.nonNegativeInteger('skip') ?? 0;
  const count = params.nonNegativeInteger('count');
  return { graph, asList, minimized, compressIds, unfold, skip, count };
}

function documentNotFound(id: string): never {
  throw notFound('api:DocumentNotFound', `Document not found: '${id}'`, { 'api:document_id': id });
}

/** The documents a GET selects, lazily, before skip/count (selection precedence §4.2). */
function* select(snapshot: Snapshot, params: Params, body: JsonObject | undefined, o: ReadOptions): Generator<JsonObject> {
  const query = body?.['query'];
  const type = params.string('type');
  if (query !== undefined) {
    if (query === null || typeof query !== 'object' || Array.isArray(query)) throw badParameterType('query', 'object', query);
    if (o.graph === 'schema') {
      throw badRequest(
        'api:QueryDocumentOnlySupportedForInstanceGraphs',
        'Query documents are only supported for instance graphs',
      );
    }
    const test = compileQuery(snapshot, query, type);
    for (const id of snapshot.ids('instance', test.types)) {
      const doc = snapshot.getDoc('instance', id);
      if (doc !== undefined && test.matches(doc)) yield doc;
    }
    return;
  }
  const id = params.string('id');
  if (id !== undefined) {
    const doc = lookup(snapshot, o.graph, id);
    if (doc === undefined) {
      if (!o.asList) documentNotFound(id);
      return;
    }
    yield doc;
    return;
  }
  const ids = params.json('ids', 'list');
  if (ids !== undefined) {
    for (const one of ids as Json[]) {
      if (typeof one !== 'string') throw badParameterType('ids', 'list', ids);
      const doc = lookup(snapshot, o.graph, one);
      if (doc !== undefined) yield doc;
    }
    return;
  }
  if (type !== undefined) {
    const types = typesFor(snapshot, o.graph, type);
    for (const one of snapshot.ids(o.graph, types)) {
      const doc = snapshot.getDoc(o.graph, one);
      if (doc !== undefined) yield doc;
    }
    return;
  }
  if (o.graph === 'schema') yield snapshot.context;
  for (const one of snapshot.ids(o.graph)) {
    const doc = snapshot.getDoc(o.graph, one);
    if (doc !== undefined) yield doc;
  }
}

function lookup(snapshot: Snapshot, graph: GraphType, id: string): JsonObject | undefined {
  if (graph === 'schema' && id === '@context') return snapshot.context;
  return findDocument(snapshot, graph, resolveDocumentId(snapshot, graph, id));
}

/** Serialises documents as a JSON array or a newline-separated stream (§4.2). */
export function documentsResponse(
  docs: Iterable<Json>,
  o: { asList: boolean; minimized: boolean },
  headers: Record<string, string>,
): KernelResponse {
  const parts: string[] = [];
  for (const d of docs) parts.push(o.minimized ? JSON.stringify(d) : JSON.stringify(d, null, 2));
  if (o.asList) return { status: 200, text: `[${parts.join(',')}]`, contentType: LIST_TYPE, headers };
  return { status: 200, text: parts.map((p) => `${p}\n`).join(''), contentType: STREAM_TYPE, headers };
}

/** `GET /api/document/{path}` (and POST with `X-HTTP-Method-Override: GET`). */
export async function getDocuments(ctx: RequestContext): Promise<KernelResponse> {
  const params = await paramsOf(ctx);
  const o = readOptions(params);
  const body = params.body;
  const d = parsePath(ctx.path);
  if (d.kind === 'commits' || d.kind === 'meta') {
    const db = resolveDatabase(ctx, d, 'read');
    const store = ctx.deps.store;
    const docs = d.kind === 'commits' ? commitsGraphDocuments(store, db, params.string('type')) : metaGraphDocuments();
    const end = o.count === undefined ? undefined : o.skip + o.count;
    const version = `${d.kind === 'commits' ? 'repo' : 'meta'}:${repositoryVersion(store, db)}`;
    return documentsResponse(docs.slice(o.skip, end), o, { 'TerminusDB-Data-Version': version });
  }
  const ref = resolveRef(ctx, d, 'read');
  checkDataVersion(headerOf(ctx, 'terminusdb-data-version'), ref.dataVersion);
  const headers = { 'TerminusDB-Data-Version': ref.dataVersion };
  const out: Json[] = [];
  let index = 0;
  for (const stored of select(ref.snapshot, params, body, o)) {
    if (index++ < o.skip) continue;
    if (o.count !== undefined && out.length >= o.count) break;
    out.push(
      stored === ref.snapshot.context
        ? stored
        : renderDocument(ref.snapshot, o.graph, stored, { compressIds: o.compressIds, unfold: o.unfold }),
    );
  }
  return documentsResponse(out, o, headers);
}

/** `HEAD /api/document/{path}`: 200 with the data version, or the GET errors without a body. */
export async function headDocuments(ctx: RequestContext): Promise<KernelResponse> {
  const ref = resolveRef(ctx, parsePath(ctx.path), 'read');
  checkDataVersion(headerOf(ctx, 'terminusdb-data-version'), ref.dataVersion);
  return { status: 200, headers: { 'TerminusDB-Data-Version': ref.dataVersion } };
}
