import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  createServiceGraphQLHandler,
  createLogger, createMetrics, createServiceHandler, json, opsRoutes, type EventBus, type Logger, type Metrics, type Terminus,
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
  return createServiceHandler({
    ops,
    identityKey: deps.identityKey,
    identityMaxAgeMs: deps.identityMaxAgeMs,
    routes: {
      '/nudge': {
        methods: ['POST'],
        handle: () => {
          if (deps.relay === undefined) return json({ errors: [{ message: 'No relay runs in this process', extensions: { code: 'NOT_FOUND' } }] }, 404);
          deps.relay.nudge();
          return json({ status: 'nudged' }, 202);
        },
      },
      '/graphql': { methods: ['GET', 'POST'], handle: (request, identity) => handle(request, { runtime, identity }) },
    },
  });
}
