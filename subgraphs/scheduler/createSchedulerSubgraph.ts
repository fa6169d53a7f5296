import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  createServiceGraphQLHandler,
  createLogger, createMetrics, createServiceHandler, opsRoutes, serviceDateTime, serviceJSON, type EventBus, type Logger, type Metrics,
} from '../../lib/index.js';
import type { Scheduler } from './engine/Scheduler.js';
import { graphql } from './graphqlRuntime.js';
import { createResolvers, type SchedulerContext } from './resolvers/createResolvers.js';
import { SCHEDULER_SDL } from './schemaSdl.js';
import type { SchedulerStore } from './store/SchedulerStore.js';

const { GraphQLScalarType } = graphql;

/** Dependencies of the scheduler subgraph's HTTP handler. */
export interface SchedulerSubgraphDeps {
  readonly store: SchedulerStore;
  /** The engine (mutations queue runs and announce jobs through it). */
  readonly scheduler: Scheduler;
  /** Key of the router-signed identity; null turns the check off (tests only). */
  readonly identityKey: string | null;
  /** For `/readyz`. */
  readonly bus?: EventBus;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Max age of a signed identity (ms, default 60 s). */
  readonly identityMaxAgeMs?: number;
}


/**
 * The scheduler subgraph as a fetch-style handler, without side effects: `/graphql` (a valid router
 * identity required), `/healthz`, `/readyz` (`terminusdb`, `bus`), `/metrics`.
 */
export function createSchedulerSubgraph(deps: SchedulerSubgraphDeps): (request: Request) => Promise<Response> {
  const logger = deps.logger ?? createLogger('scheduler');
  const metrics = deps.metrics ?? createMetrics('scheduler');
  const typeDefs = graphql.parse(SCHEDULER_SDL);
  const resolvers = { ...createResolvers(), DateTime: new GraphQLScalarType(serviceDateTime), JSON: new GraphQLScalarType(serviceJSON) };
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as Parameters<typeof buildSubgraphSchema>[0] extends { resolvers?: infer R } ? R : never });
  const handle = createServiceGraphQLHandler<SchedulerContext>({ schema, logger, metrics });
  const ops = opsRoutes({
    metrics,
    ready: async () => ({ terminusdb: await deps.store.terminus.ready(), ...(deps.bus === undefined ? {} : { bus: await deps.bus.ready() }) }),
  });
  return createServiceHandler({
    ops,
    identityKey: deps.identityKey,
    identityMaxAgeMs: deps.identityMaxAgeMs,
    routes: {
      '/graphql': { methods: ['GET', 'POST'], handle: (request, identity) => handle(request, { identity, scheduler: deps.scheduler, store: deps.store }) },
    },
  });
}
