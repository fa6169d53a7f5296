import { randomBytes } from 'node:crypto';
import { Counter, Gauge } from 'prom-client';
import {
  createLogger,
  createMetrics,
  IDENTITY_HEADER,
  json,
  opsRoutes,
  parseTraceparent,
  verifyIdentity,
  type Identity,
  type Logger,
  type GraphQLAnswer,
  type Metrics,
  type RawHandler,
  type RawRequest,
  type RawResponse,
  type Terminus,
} from '../../lib/index.js';
import type { CoreContext, CoreRuntime } from './context.js';
import { createGraphQLHandler } from './http/createGraphQLHandler.js';
import type { RequestLike } from './http/readGraphQLRequest.js';
import { Model, type ModelManifest } from './manifest.js';
import { LruCache } from './read/LruCache.js';
import { ReadSession } from './read/ReadSession.js';
import { ResponseCache, type CachedResponse } from './read/ResponseCache.js';
import { RefResolver } from './read/RefResolver.js';
import { keyedFieldResolver } from './resolvers/createResolvers.js';
import { buildCoreSchema } from './schema/buildCoreSchema.js';
import { SchemaCheck } from './schema/SchemaCheck.js';
import { planStats } from './translate/planCache.js';
import { typeByClass } from './translate/shape.js';

/** Dependencies of the core subgraph. */
export interface CoreSubgraphDeps {
  /** The only way to TerminusDB. */
  readonly terminus: Terminus;
  /** Key of the router-signed identity (`ROUTER_IDENTITY_KEY`); null turns the check off (tests only). */
  readonly identityKey: string | null;
  /** Default: a `core` pino logger. */
  readonly logger?: Logger;
  /** Default: a fresh registry for service `core`. */
  readonly metrics?: Metrics;
  /** Default: the committed `model.generated.json`. */
  readonly manifest?: ModelManifest;
  /** Default: the committed `schema.graphql`. */
  readonly sdl?: string;
  /** How long a branch head stays cached (ms, default 100; 0: every operation looks it up); this subgraph's writes invalidate it. */
  readonly headTtlMs?: number;
  /**
   * Budget of the commit-keyed read caches in MiB (default 64, half for TerminusDB answers, half for
   * whole answers of read-only queries); 0 disables both.
   */
  readonly cacheMb?: number;
  /** How long the TerminusDB schema check is cached (ms, default 30 s). */
  readonly schemaTtlMs?: number;
  /** Max age of a signed identity (ms, default 60 s). */
  readonly identityMaxAgeMs?: number;
  /** Called after this subgraph wrote to a branch (e.g. `nudger(...)` to wake the audit subgraph's relay). */
  readonly afterWrite?: (branch: string | undefined) => void;
  /** Called for every TerminusDB read request with its commit and number of root fields (tests, metrics). */
  readonly onRead?: (commit: string, parts: number) => void;
}

const ANONYMOUS: Identity = { sub: 'anonymous', scopes: [] };

function forbidden(message: string): RawResponse {
  return { status: 403, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ errors: [{ message, extensions: { code: 'FORBIDDEN' } }] }) };
}

/** The core subgraph's fetch-style handler, with `raw`: the same `POST /graphql` answers straight from node:http. */
export type CoreSubgraphHandler = ((request: Request) => Promise<Response>) & {
  /** For lib `serve(handler, { raw: handler.raw })`: `POST /graphql` without the fetch adapter; other requests go to the handler. */
  readonly raw: RawHandler;
};

/** A node:http request (lib's raw handlers) as the endpoint reads requests. */
function fromRaw(request: RawRequest): RequestLike {
  return {
    method: request.method,
    url: `http://localhost${request.url}`,
    headers: {
      get: (name) => {
        const v = request.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
    },
    json: async () => JSON.parse(await request.text()) as unknown,
  };
}

/**
 * Creates the core subgraph as a fetch-style handler, without side effects: GraphQL over HTTP at
 * `/graphql` (POST JSON and GET; a valid router identity required), `/healthz`, `/readyz` (TerminusDB
 * answers a GraphQL query and its schema matches the model), `/metrics`.
 */
export function createCoreSubgraph(deps: CoreSubgraphDeps): CoreSubgraphHandler {
  const logger = deps.logger ?? createLogger('core');
  const metrics = deps.metrics ?? createMetrics('core');
  const model = new Model(deps.manifest);
  const schema = buildCoreSchema(model, deps.sdl);
  const schemaCheck = new SchemaCheck(deps.terminus, model, deps.schemaTtlMs === undefined ? {} : { ttlMs: deps.schemaTtlMs });
  const runtime: CoreRuntime = {
    model,
    terminus: deps.terminus,
    refs: new RefResolver(deps.terminus, {
      ...(deps.headTtlMs === undefined ? {} : { headTtlMs: deps.headTtlMs }),
      ...(deps.afterWrite === undefined ? {} : { onBranchChanged: deps.afterWrite }),
    }),
    logger,
    typeByClass: typeByClass(model),
    schemaCheck,
    ...(deps.onRead === undefined ? {} : { onRead: deps.onRead }),
  };
  const cacheBytes = (deps.cacheMb ?? 64) * 1024 * 1024;
  const answers = new LruCache<GraphQLAnswer>({ maxEntries: cacheBytes === 0 ? 0 : 20_000, maxBytes: cacheBytes / 2 });
  const responses = new ResponseCache(new LruCache<CachedResponse>({ maxEntries: cacheBytes === 0 ? 0 : 20_000, maxBytes: cacheBytes / 2 }), model);
  registerCacheMetrics(metrics, runtime.refs, answers, responses);
  const graphql = createGraphQLHandler<CoreContext>({
    schema,
    fieldResolver: keyedFieldResolver(model),
    logger,
    metrics,
    ...(responses.lru.enabled ? { responses: { cacheable: (d, op) => responses.cacheable(d, op), lookup: (k, ctx) => responses.lookup(k, ctx), store: (k, ctx, body) => responses.store(k, ctx, body) } } : {}),
  });
  const ops = opsRoutes({
    metrics,
    ready: async () => {
      const answer = await deps.terminus.graphql({ branch: 'main' }, 'query { __typename }').catch(() => undefined);
      const terminusdb = answer?.data !== undefined && answer.data !== null;
      const drift = terminusdb ? await schemaCheck.drift().catch(() => ['schema unreadable']) : ['TerminusDB unavailable'];
      if (drift.length > 0) logger.warn({ drift }, 'TerminusDB schema differs from the compiled model');
      return { terminusdb, schema: drift.length === 0 };
    },
  });
  const onInvalidQuery = (message: string): void => {
    logger.warn({ message }, 'TerminusDB refused a translated query; re-checking its schema');
    schemaCheck.invalidate();
  };

  // GET and POST /graphql, whatever carries the request
  const graphqlRoute = async (request: RequestLike): Promise<RawResponse> => {
    let identity = ANONYMOUS;
    if (deps.identityKey !== null) {
      try {
        identity = verifyIdentity(request.headers.get(IDENTITY_HEADER), deps.identityKey, deps.identityMaxAgeMs === undefined ? {} : { maxAgeMs: deps.identityMaxAgeMs });
      } catch (err) {
        return forbidden(`Requests must come through the router: ${(err as Error).message}`);
      }
    }
    const traceId = identity.traceId ?? parseTraceparent(request.headers.get('traceparent'))?.traceId ?? randomBytes(16).toString('hex');
    const context: CoreContext = {
      runtime,
      identity,
      traceId,
      reads: new ReadSession(deps.terminus, runtime.refs, { ...(deps.onRead === undefined ? {} : { onRequest: deps.onRead }), onInvalidQuery, ...(answers.enabled ? { answers } : {}) }),
      entityLoaders: new Map(),
    };
    return graphql(request, context);
  };

  const handler = async (request: Request): Promise<Response> => {
    const opsAnswer = await ops(request);
    if (opsAnswer !== undefined) return opsAnswer;
    const path = new URL(request.url).pathname;
    if (path !== '/graphql') return json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] }, 404);
    if (request.method !== 'GET' && request.method !== 'POST') return json({ errors: [{ message: 'Method not allowed' }] }, 405, { allow: 'GET, POST' });
    const out = await graphqlRoute(request);
    return new Response(out.body, { status: out.status, headers: out.headers });
  };
  const raw: RawHandler = (request) => (request.method === 'POST' && request.url.split('?', 1)[0] === '/graphql' ? graphqlRoute(fromRaw(request)) : undefined);
  return Object.assign(handler, { raw });
}

/** Hit/miss counters of the read caches in the subgraph's registry (`core_cache_*`). */
function registerCacheMetrics(metrics: Metrics, refs: RefResolver, answers: LruCache<GraphQLAnswer>, responses: ResponseCache): void {
  const caches = { answer: answers, response: responses.lru } as const;
  new Counter({
    name: 'core_cache_requests_total',
    help: 'Read cache lookups by cache (head: branch heads; answer: TerminusDB answers by commit; response: whole answers; plan: translations) and result',
    labelNames: ['cache', 'result'] as const,
    registers: [metrics.registry],
    collect() {
      this.reset();
      this.inc({ cache: 'head', result: 'hit' }, refs.stats.hits);
      this.inc({ cache: 'head', result: 'miss' }, refs.stats.misses);
      for (const [name, c] of Object.entries(caches)) {
        this.inc({ cache: name, result: 'hit' }, c.stats.hits);
        this.inc({ cache: name, result: 'miss' }, c.stats.misses);
        this.inc({ cache: name, result: 'coalesced' }, c.stats.coalesced);
      }
      this.inc({ cache: 'response', result: 'stale' }, responses.stale);
      // Translation plans (per process: the plan cache hangs off parsed documents).
      this.inc({ cache: 'plan', result: 'hit' }, planStats.hits);
      this.inc({ cache: 'plan', result: 'miss' }, planStats.misses);
    },
  });
  new Counter({
    name: 'core_cache_evictions_total',
    help: 'Entries evicted from the read caches (LRU, by entries or bytes)',
    labelNames: ['cache'] as const,
    registers: [metrics.registry],
    collect() {
      this.reset();
      for (const [name, c] of Object.entries(caches)) this.inc({ cache: name }, c.stats.evictions);
    },
  });
  new Gauge({
    name: 'core_cache_bytes',
    help: 'Size of the read caches (JSON text length)',
    labelNames: ['cache'] as const,
    registers: [metrics.registry],
    collect() {
      for (const [name, c] of Object.entries(caches)) this.set({ cache: name }, c.bytes);
    },
  });
  new Gauge({
    name: 'core_cache_entries',
    help: 'Entries in the read caches',
    labelNames: ['cache'] as const,
    registers: [metrics.registry],
    collect() {
      for (const [name, c] of Object.entries(caches)) this.set({ cache: name }, c.size);
    },
  });
}
