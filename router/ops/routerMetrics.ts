import { Counter, Gauge, Histogram } from 'prom-client';
import { createMetrics, type Metrics } from '../../lib/index.js';
import type { SubscriptionCounts } from '../subscriptions/createSubscriptionServer.js';

/** The router's metrics: lib's request histogram and error counter plus subgraph, cache and breaker metrics. */
export interface RouterMetrics extends Metrics {
  /** Subgraph fetch durations by subgraph and outcome (`ok`, `error`, `timeout`, `open`, `shared`). */
  readonly subgraphFetches: Histogram<'subgraph' | 'outcome'>;
  /** Cache lookups by cache (`document`, `plan`, `authorization`, `apq`) and result (`hit`, `miss`). */
  readonly cacheLookups: Counter<'cache' | 'result'>;
  /** Breaker state per subgraph: 0 closed, 1 half-open, 2 open. */
  readonly breakerState: Gauge<'subgraph'>;
  /** Schema loads by outcome (`loaded`, `unchanged`, `failed`). */
  readonly schemaLoads: Counter<'outcome'>;
  /** Reads subscription gauges and counters from `counts` at every scrape (the router calls it once). */
  observeSubscriptions(counts: () => SubscriptionCounts): void;
}

/** Creates the registry with every router metric. */
export function createRouterMetrics(service = 'router'): RouterMetrics {
  const base = createMetrics(service);
  const registers = [base.registry];
  let subscriptionCounts: (() => SubscriptionCounts) | undefined;
  new Gauge({
    name: 'router_subscriptions',
    help: 'graphql-ws subscriptions: accepted (active) and receiving events (live)',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const c = subscriptionCounts?.();
      this.set({ state: 'active' }, c?.active ?? 0);
      this.set({ state: 'live' }, c?.live ?? 0);
    },
  });
  // Monotonic totals kept by the subscription server, exposed as counters (advanced to the total at scrape).
  const total = (name: string, help: string, read: (c: SubscriptionCounts) => number): void => {
    let seen = 0;
    new Counter({
      name,
      help,
      registers,
      collect() {
        const c = subscriptionCounts?.();
        const now = c === undefined ? 0 : read(c);
        if (now > seen) this.inc(now - seen);
        seen = Math.max(seen, now);
      },
    });
  };
  total('router_subscription_frames_total', 'Event frames written to subscribers', (c) => c.frames);
  total('router_subscription_socket_writes_total', 'Socket writes carrying event frames (fewer than frames when frames for a socket coalesce under load)', (c) => c.writes);
  return {
    observeSubscriptions: (counts) => {
      subscriptionCounts = counts;
    },
    ...base,
    subgraphFetches: new Histogram({
      name: 'router_subgraph_fetch_duration_seconds',
      help: 'Subgraph fetch duration by subgraph and outcome',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    cacheLookups: new Counter({ name: 'router_cache_lookups_total', help: 'Cache lookups by cache and result', labelNames: ['cache', 'result'] as const, registers }),
    breakerState: new Gauge({ name: 'router_subgraph_breaker_state', help: 'Circuit breaker state per subgraph (0 closed, 1 half-open, 2 open)', labelNames: ['subgraph'] as const, registers }),
    schemaLoads: new Counter({ name: 'router_schema_loads_total', help: 'Supergraph loads by outcome', labelNames: ['outcome'] as const, registers }),
  };
}
