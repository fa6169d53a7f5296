import { resolve } from 'node:path';
import { ConfigError, envReaders, serviceConfigFromEnv, type ServiceConfig } from '../../lib/index.js';

/**
 * Configuration of the scheduler subgraph process (one typed object, read from env at start): lib's
 * `ServiceConfig` with prefix `SCHEDULER` (`SCHEDULER_PORT`, default 4003; `SCHEDULER_HOST`, default
 * `127.0.0.1`; `TERMINUSDB_*`; `NATS_URL`, unset or `memory`: in-memory — one scheduler process only,
 * nothing survives it; `ROUTER_IDENTITY_KEY`, required unless `SCHEDULER_INSECURE_NO_IDENTITY=true`, also
 * signs calls to the embedding service), and:
 */
export interface SchedulerConfig extends ServiceConfig {
  /** The embedding service of `reembed` runs (`EMBEDDING_SERVICE_URL`, default `http://127.0.0.1:4002`). */
  readonly embeddingUrl: string;
  /** Where `snapshot` runs write (`SCHEDULER_SNAPSHOT_DIR`, default `.data/snapshots`). */
  readonly snapshotDir: string;
  /** Runs executed at once by this replica (`SCHEDULER_CONCURRENCY`, default 4). */
  readonly concurrency: number;
  /** A claimed run goes to another replica after this long without a heartbeat (`SCHEDULER_ACK_WAIT_MS`, default 30000). */
  readonly ackWaitMs: number;
  /** Job table reload interval, the safety net behind job-change events (`SCHEDULER_RELOAD_MS`, default 30000). */
  readonly reloadMs: number;
  /** Finished runs are deleted this long after they were queued (`SCHEDULER_RUN_RETENTION_DAYS`, default 30; 0 keeps them). */
  readonly runRetentionMs: number;
  /** Execute runs in this replica (`SCHEDULER_WORKER`, default true). */
  readonly worker: boolean;
  /** Fire cron ticks and on-commit triggers in this replica (`SCHEDULER_TRIGGERS`, default true; replicas de-duplicate). */
  readonly triggers: boolean;
}

/** A configuration mistake, with what to set. */
export class SchedulerConfigError extends ConfigError {
  override name = 'SchedulerConfigError';
}

const { integer, flag } = envReaders(SchedulerConfigError);

/** Reads and validates the configuration from the environment. */
export function schedulerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SchedulerConfig {
  const service = serviceConfigFromEnv(env, { prefix: 'SCHEDULER', defaultPort: 4003, Err: SchedulerConfigError });
  const embeddingUrl = (env['EMBEDDING_SERVICE_URL'] || 'http://127.0.0.1:4002').replace(/\/+$/, '');
  try {
    const u = new URL(embeddingUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new SchedulerConfigError(`EMBEDDING_SERVICE_URL must be an http(s) URL, got ${JSON.stringify(embeddingUrl)}`);
  }
  return {
    ...service,
    embeddingUrl,
    snapshotDir: resolve(env['SCHEDULER_SNAPSHOT_DIR'] || '.data/snapshots'),
    concurrency: integer(env, 'SCHEDULER_CONCURRENCY', 4, 1, 256),
    ackWaitMs: integer(env, 'SCHEDULER_ACK_WAIT_MS', 30_000, 300, 3_600_000),
    reloadMs: integer(env, 'SCHEDULER_RELOAD_MS', 30_000, 100, 3_600_000),
    runRetentionMs: integer(env, 'SCHEDULER_RUN_RETENTION_DAYS', 30, 0, 3650) * 24 * 3_600_000,
    worker: flag(env, 'SCHEDULER_WORKER', true),
    triggers: flag(env, 'SCHEDULER_TRIGGERS', true),
  };
}
