import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The Prometheus metrics of one process; each process makes its own registry. */
export interface Metrics {
  readonly registry: Registry;
  /** Request durations by operation type, name and outcome. */
  readonly requests: Histogram<'operation_type' | 'operation_name' | 'outcome'>;
  /** GraphQL errors by `extensions.code`. */
  readonly errors: Counter<'code'>;
}

/** Creates the registry with Node's default metrics and the request metrics every process has. */
export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation type and name',
    labelNames: ['operation_type', 'operation_name', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors by extensions.code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  return { registry, requests, errors };
}
