import { Counter, Gauge, Histogram } from 'prom-client';
import type { Metrics } from '../../../lib/index.js';
import type { Run } from '../model/types.js';

/** The scheduler's Prometheus metrics. */
export interface SchedulerMetrics {
  /** Runs created (`duplicate`: another replica had made the same cron/commit run). */
  readonly queued: Counter<'trigger' | 'duplicate'>;
  /** Records an attempt's end (the run as written after it). */
  attempted(run: Run): void;
}

/** Registers `scheduler_*` metrics in the process registry; undefined without one. */
export function schedulerMetrics(metrics: Metrics | undefined, running: () => number): SchedulerMetrics | undefined {
  if (metrics === undefined) return undefined;
  const registers = [metrics.registry];
  const queued = new Counter({ name: 'scheduler_runs_queued_total', help: 'Runs created (duplicate: another replica made the same cron/commit run)', labelNames: ['trigger', 'duplicate'] as const, registers });
  const attempts = new Counter({ name: 'scheduler_attempts_total', help: 'Finished attempts by kind and resulting run status', labelNames: ['kind', 'status'] as const, registers });
  const durations = new Histogram({ name: 'scheduler_attempt_duration_seconds', help: 'Attempt durations by kind', labelNames: ['kind'] as const, buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800, 3600], registers });
  new Gauge({
    name: 'scheduler_runs_running',
    help: 'Runs executing in this replica',
    registers,
    collect(this: Gauge) {
      this.set(running());
    },
  });
  return {
    queued,
    attempted(run) {
      attempts.inc({ kind: run.kind, status: run.status });
      const last = run.attempts.at(-1);
      if (last?.finishedAt !== undefined) durations.observe({ kind: run.kind }, Math.max(0, (Date.parse(last.finishedAt) - Date.parse(last.startedAt)) / 1000));
    },
  };
}
