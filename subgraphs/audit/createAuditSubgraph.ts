import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  createServiceGraphQLHandler,
  createLogger, createMetrics, IDENTITY_HEADER, json, opsRoutes, verifyIdentity, type EventBus, type Identity, type Logger, type Metrics, type Terminus,
} from '../../lib/index.js';
import { graphql } from './graphqlRuntime.js';
import type { CommitRelay } from './relay/CommitRelay.js';
import { createAuditRuntime, type AuditContext } from './resolvers/AuditRuntime.js';
import { createResolvers } from './resolvers/createResolvers.js';
import { AUDIT_SDL } from './schema/auditSdl.js';

/** Dependencies of the audit subgraph. */
export interface AuditSubgraphDeps {
  /** The only way to TerminusDB. */
  readonly terminus: Terminus;
  /** Key of the router-signed identity; null turns the check off (tests only). */
  readonly identityKey: string | null;
  /** The event bus (for `/readyz`). */
  readonly bus?: EventBus;
  /** The commit relay of this process, woken by `POST /nudge`; absent: `/nudge` answers 404. */
  readonly relay?: CommitRelay;
  /** Default: an `audit` logger. */
  readonly logger?: Logger;
  /** Default: a fresh registry for service `audit` (pass the relay's to serve its metrics). */
  readonly metrics?: Metrics;
  /** Max age of a signed identity (ms, default 60 s). */
  readonly identityMaxAgeMs?: number;
  /** Default: the committed `schema.graphql`. */
  readonly sdl?: string;
}

function forbidden(message: string): Response {
  return json({ errors: [{ message, extensions: { code: 'FORBIDDEN' } }] }, 403);
}

/**
 * The audit subgraph as a fetch-style handler, without side effects: `/graphql` (a valid router
 * identity required), `POST /nudge` (signed; wakes the relay), `/healthz`, `/readyz`, `/metrics`.
 */
export function createAuditSubgraph(deps: AuditSubgraphDeps): (request: Request) => Promise<Response> {
  const logger = deps.logger ?? createLogger('audit');
  const metrics = deps.metrics ?? createMetrics('audit');
  const typeDefs = graphql.parse(deps.sdl ?? AUDIT_SDL);
  const schema = buildSubgraphSchema({ typeDefs, resolvers: createResolvers(typeDefs) as unknown as Parameters<typeof buildSubgraphSchema>[0] extends { resolvers?: infer R } ? R : never });
  const runtime = createAuditRuntime(deps.terminus);
  const handle = createServiceGraphQLHandler<AuditContext>({ schema, logger, metrics });
  const ops = opsRoutes({
    metrics,
    ready: async () => ({
      terminusdb: await deps.terminus.ready(),
      ...(deps.bus === undefined ? {} : { bus: await deps.bus.ready() }),
      ...(deps.relay === undefined ? {} : { relay: deps.relay.lastSuccess > 0 }),
    }),
  });
  const identify = (request: Request): Identity | Response => {
    if (deps.identityKey === null) return { sub: 'anonymous', scopes: [] };
    try {
      return verifyIdentity(request.headers.get(IDENTITY_HEADER), deps.identityKey, deps.identityMaxAgeMs === undefined ? {} : { maxAgeMs: deps.identityMaxAgeMs });
    } catch (err) {
      return forbidden(`Requests must come through the router: ${(err as Error).message}`);
    }
  };

  return async (request) => {
    const opsAnswer = await ops(request);
    if (opsAnswer !== undefined) return opsAnswer;
    const path = new URL(request.url).pathname;
    if (path === '/nudge') {
      if (request.method !== 'POST') return json({ errors: [{ message: 'Method not allowed' }] }, 405, { allow: 'POST' });
      const identity = identify(request);
      if (identity instanceof Response) return identity;
      if (deps.relay === undefined) return json({ errors: [{ message: 'No relay runs in this process', extensions: { code: 'NOT_FOUND' } }] }, 404);
      deps.relay.nudge();
      return json({ status: 'nudged' }, 202);
    }
    if (path !== '/graphql') return json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] }, 404);
    if (request.method !== 'GET' && request.method !== 'POST') return json({ errors: [{ message: 'Method not allowed' }] }, 405, { allow: 'GET, POST' });
    const identity = identify(request);
    if (identity instanceof Response) return identity;
    return handle(request, { runtime, identity });
  };
}
