import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  createServiceGraphQLHandler,
  createLogger, createMetrics, createServiceHandler, json, opsRoutes, type EventBus, type Identity, type Logger, type Metrics, type Terminus,
} from '../../lib/index.js';
import type { EmbeddingEngine } from './engine/EmbeddingEngine.js';
import { registerEngineMetrics } from './engine/engineMetrics.js';
import { graphql } from './graphqlRuntime.js';
import { parseReembed, reembedResponse } from './http/reembedRoute.js';
import { createResolvers, type EmbeddingContext, type EmbeddingRuntime } from './resolvers/createResolvers.js';
import { EMBEDDING_SDL } from './schema/embeddingSdl.js';

/** Dependencies of the embedding subgraph. */
export interface EmbeddingSubgraphDeps {
  /** The engine (opened): indexes, provider, records. */
  readonly engine: EmbeddingEngine;
  /** For `/readyz`. */
  readonly terminus: Terminus;
  /** Key of the router-signed identity; null turns the check off (tests only). */
  readonly identityKey: string | null;
  /** The event bus (for `/readyz`). */
  readonly bus?: EventBus;
  /** Longest `semanticSearch` text in characters (default 2 000). */
  readonly maxQueryChars?: number;
  /** Default: an `embedding` logger. */
  readonly logger?: Logger;
  /** Default: a fresh registry for service `embedding`. */
  readonly metrics?: Metrics;
  /** Max age of a signed identity (ms, default 60 s). */
  readonly identityMaxAgeMs?: number;
  /** Default: the committed `schema.graphql`. */
  readonly sdl?: string;
}

/** Scopes of which a caller of `POST /reembed` needs one. */
const REEMBED_SCOPES: readonly string[] = ['read', 'service'];

/**
 * The embedding subgraph as a fetch-style handler, without side effects: `/graphql` and
 * `POST /reembed` (both need a valid router identity), `/healthz`, `/readyz`, `/metrics`.
 */
export function createEmbeddingSubgraph(deps: EmbeddingSubgraphDeps): (request: Request) => Promise<Response> {
  const logger = deps.logger ?? createLogger('embedding');
  const metrics = deps.metrics ?? createMetrics('embedding');
  registerEngineMetrics(deps.engine, metrics);
  const typeDefs = graphql.parse(deps.sdl ?? EMBEDDING_SDL);
  const schema = buildSubgraphSchema({ typeDefs, resolvers: createResolvers(typeDefs) as unknown as Parameters<typeof buildSubgraphSchema>[0] extends { resolvers?: infer R } ? R : never });
  const runtime: EmbeddingRuntime = { engine: deps.engine, maxQueryChars: deps.maxQueryChars ?? 2_000, queryCache: new Map() };
  const handle = createServiceGraphQLHandler<EmbeddingContext>({ schema, logger, metrics });
  const ops = opsRoutes({
    metrics,
    ready: async () => ({
      terminusdb: await deps.terminus.ready(),
      ...(deps.bus === undefined ? {} : { bus: await deps.bus.ready() }),
    }),
  });
  const reembed = async (request: Request, identity: Identity): Promise<Response> => {
    // Re-embedding reads a branch's documents and writes the service's records: the caller needs the
    // read scope (the router's branch policy for data branches) or `service` (operators, the backfill CLI).
    if (!identity.scopes.some((s) => REEMBED_SCOPES.includes(s))) {
      return json({ errors: [{ message: `Re-embedding needs one of the scopes ${REEMBED_SCOPES.join(', ')}`, extensions: { code: 'FORBIDDEN', reason: 'MISSING_SCOPE', required: REEMBED_SCOPES } }] }, 403);
    }
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return json({ errors: [{ message: 'The body is not JSON', extensions: { code: 'BAD_REQUEST' } }] }, 400);
    }
    const parsed = parseReembed(body, deps.engine);
    if (parsed instanceof Response) return parsed;
    return reembedResponse(deps.engine, request, parsed, { author: `${identity.sub}@embedding`, logger });
  };

  return createServiceHandler({
    ops,
    identityKey: deps.identityKey,
    identityMaxAgeMs: deps.identityMaxAgeMs,
    routes: {
      '/reembed': { methods: ['POST'], handle: reembed },
      '/graphql': { methods: ['GET', 'POST'], handle: (request, identity) => handle(request, { runtime, identity }) },
    },
  });
}
