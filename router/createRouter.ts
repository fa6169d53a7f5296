import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServiceMap } from '@apollo/gateway';
import { BodyTooLargeError, createLogger, json, opsRoutes, type EventBus, type Logger, type RawHandler, type RawRequest } from '../lib/index.js';
import { createTokenVerifier } from './auth/verifyToken.js';
import { resolveRouterConfig, type RouterOptions } from './config/resolveRouterConfig.js';
import type { RouterConfig } from './config/RouterConfig.js';
import { LruCache } from './execution/LruCache.js';
import type { RouterRuntime } from './execution/RouterRuntime.js';
import { createGraphiQL, wantsHtml } from './http/graphiql.js';
import { graphqlHandler } from './http/graphqlHandler.js';
import { readinessCheck } from './ops/readiness.js';
import { createRouterMetrics, type RouterMetrics } from './ops/routerMetrics.js';
import type { RouterPlugin } from './plugins/RouterPlugin.js';
import { useBranchPolicy } from './plugins/useBranchPolicy.js';
import { useLimits } from './plugins/useLimits.js';
import { useOperationRecorder } from './plugins/useOperationRecorder.js';
import { PersistedQueries, readManifest } from './request/PersistedQueries.js';
import { fromFetchRequest, tooLarge, type GraphQLHttpRequest } from './request/readGraphQLParams.js';
import type { SchemaGeneration } from './schema/SchemaGeneration.js';
import { SchemaSource, type ReloadOutcome } from './schema/SchemaSource.js';
import { SubgraphRegistry } from './subgraph/SubgraphRegistry.js';
import { createSubscriptionServer, type SubscriptionCounts } from './subscriptions/createSubscriptionServer.js';

/** Collaborators a router may be given (tests, embedding); defaults are made otherwise. */
export interface RouterDeps {
  readonly logger?: Logger;
  readonly metrics?: RouterMetrics;
  /** Extra plugins, run after the built-in ones. */
  readonly plugins?: readonly RouterPlugin[];
  /** The event bus subscriptions are served from (`@eventStream` fields); without it WebSocket upgrades get 501. The caller owns (closes) it. */
  readonly bus?: EventBus;
}

/** Lifecycle state of a router. */
export type RouterState = { readonly phase: 'serving'; readonly schema: string } | { readonly phase: 'closing' } | { readonly phase: 'closed' };

/** A built router: a fetch-style handler plus lifecycle. Listening is the caller's business (`main.ts`). */
export interface Router extends AsyncDisposable {
  readonly config: RouterConfig;
  readonly metrics: RouterMetrics;
  /** Answers `/graphql` (POST, GET, GraphiQL), `/healthz`, `/readyz`, `/metrics`. */
  readonly handler: (request: Request) => Promise<Response>;
  /**
   * The same answers for `POST /graphql` straight from node:http (lib `serve(handler, { raw })`),
   * without the fetch adapter; other requests are left to `handler`.
   */
  readonly raw: RawHandler;
  /** WebSocket upgrades on `/graphql`: graphql-ws subscriptions (501 without `deps.bus`). */
  readonly upgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Subscriptions accepted, and those receiving events (live). */
  readonly subscriptions: () => SubscriptionCounts;
  /** The schema generation new requests use. */
  readonly schema: () => SchemaGeneration | undefined;
  readonly state: () => RouterState;
  /** Reloads the supergraph (from `sdl`, or from the configured source); a failure keeps the current schema. */
  reload(sdl?: string): Promise<ReloadOutcome>;
  /** Stops watchers, flushes records, closes subgraph pools. Drain HTTP first (the server's `close()`). */
  close(): Promise<void>;
}

/** A node:http request (lib's raw handlers) as a {@link GraphQLHttpRequest}. */
function fromRawRequest(request: RawRequest): GraphQLHttpRequest {
  return {
    method: request.method,
    searchParams: () => new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : ''),
    header: (name) => {
      const v = request.headers[name];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    },
    text: (maxBytes) =>
      request.text(maxBytes).catch((err: unknown) => {
        throw err instanceof BodyTooLargeError ? tooLarge(maxBytes) : err;
      }),
    // node:http discards an unread body once the answer is sent
    discard: async () => undefined,
  };
}

/**
 * Builds the router: loads the supergraph (throws when the first load fails), the trusted documents
 * and the plugins. No ports, no signals, no env.
 */
export async function createRouter(options: RouterOptions, deps: RouterDeps = {}): Promise<Router> {
  const config = resolveRouterConfig(options);
  const logger = deps.logger ?? createLogger('router');
  const metrics = deps.metrics ?? createRouterMetrics();
  const observe = (cache: string) => (result: 'hit' | 'miss') => metrics.cacheLookups.inc({ cache, result });
  const schema = new SchemaSource(config.supergraph, metrics, logger, config.identityKey);
  const first = await schema.reload();
  if (first.status === 'failed') throw new Error(`cannot load the supergraph: ${first.error}`);
  await schema.watch();

  const manifest = config.persistedQueries.manifestFile !== undefined ? await readManifest(config.persistedQueries.manifestFile) : new Map<string, string>();
  const registry = new SubgraphRegistry(config.subgraphs, config.identityKey, metrics, logger);
  const sources = new WeakMap<SchemaGeneration, ServiceMap>();
  const recorder = config.operationsFile !== undefined ? useOperationRecorder({ file: config.operationsFile, flushMs: config.operationsFlushMs, logger }) : undefined;
  const plugins: RouterPlugin[] = [
    useLimits(config.limits),
    ...(config.branchPolicy !== undefined ? [useBranchPolicy(config.branchPolicy)] : []),
    ...(recorder !== undefined ? [recorder] : []),
    ...(deps.plugins ?? []),
  ];
  const rt: RouterRuntime = {
    config,
    logger,
    metrics,
    schema,
    registry,
    verify: createTokenVerifier(config.auth),
    persisted: new PersistedQueries(config.persistedQueries, manifest, config.caches.apq, observe('apq')),
    plugins,
    documents: new LruCache(config.caches.documents, observe('document')),
    plans: new LruCache(config.caches.plans, observe('plan')),
    sourcesOf(generation) {
      let map = sources.get(generation);
      if (map === undefined) {
        map = registry.sourcesFor(generation.subgraphs);
        sources.set(generation, map);
      }
      return map;
    },
  };
  const graphql = graphqlHandler(rt);
  const ws = deps.bus !== undefined ? createSubscriptionServer(rt, deps.bus) : undefined;
  if (ws !== undefined) metrics.observeSubscriptions(() => ws.counts());
  const ops = opsRoutes({ ready: readinessCheck(schema, registry, config.checkSubgraphsReady), metrics });
  const graphiql = config.graphiql ? createGraphiQL('/graphql') : undefined;
  let phase: 'serving' | 'closing' | 'closed' = 'serving';
  let closing: Promise<void> | undefined;

  const handler = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (path === '/graphql' || path === '/') {
      if (graphiql !== undefined && wantsHtml(request)) return graphiql.page();
      const out = await graphql(fromFetchRequest(request));
      return new Response(out.body, { status: out.status, headers: out.headers });
    }
    const asset = await graphiql?.asset(request);
    if (asset !== undefined) return asset;
    return (await ops(request)) ?? json({ errors: [{ message: `no route ${request.method} ${path}: POST /graphql`, extensions: { code: 'BAD_REQUEST' } }] }, 404);
  };

  const raw: RawHandler = (request) => {
    if (request.method !== 'POST') return undefined;
    const q = request.url.indexOf('?');
    const path = q < 0 ? request.url : request.url.slice(0, q);
    if (path !== '/graphql' && path !== '/') return undefined;
    return graphql(fromRawRequest(request));
  };

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      phase = 'closing';
      await ws?.close();
      await schema.close();
      await Promise.all(plugins.map((p) => p.close?.()));
      registry.close();
      phase = 'closed';
    })());

  return {
    config,
    metrics,
    handler,
    raw,
    upgrade: (request, socket, head) => {
      if (ws !== undefined && phase === 'serving') return ws.upgrade(request, socket, head);
      socket.end('HTTP/1.1 501 Not Implemented\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nsubscriptions need an event bus (NATS_URL)\n');
    },
    subscriptions: () => ws?.counts() ?? { active: 0, live: 0, frames: 0, writes: 0 },
    schema: () => schema.current,
    state: () => (phase === 'serving' ? { phase, schema: schema.current?.id ?? '' } : { phase }),
    reload: (sdl) => schema.reload(sdl),
    close,
    [Symbol.asyncDispose]: close,
  };
}
