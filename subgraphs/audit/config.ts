import { ConfigError, envReaders, serviceConfigFromEnv, type ServiceConfig } from '../../lib/index.js';

/**
 * Configuration of the audit subgraph process (one typed object, read from env at start): lib's
 * `ServiceConfig` with prefix `AUDIT` (`AUDIT_PORT`, default 4004; `AUDIT_HOST`, default `127.0.0.1`;
 * `TERMINUSDB_*`; `NATS_URL`, unset or `memory`: in-memory, single process only; `ROUTER_IDENTITY_KEY`,
 * required unless `AUDIT_INSECURE_NO_IDENTITY=true`), and:
 */
export interface AuditConfig extends ServiceConfig {
  /** Run the commit relay in this process (`AUDIT_RELAY`, default true; run it in one replica). */
  readonly relay: boolean;
  /** Relay polling interval in ms, the safety net behind nudges (`AUDIT_POLL_MS`, default 1000). */
  readonly pollMs: number;
  /** Changes listed per event (`AUDIT_MAX_CHANGES`, default 500). */
  readonly maxChanges: number;
  /** Tests only: exit with code 137 right after the first publish, before the cursor is saved (`AUDIT_TEST_CRASH_AFTER_PUBLISH=true`). */
  readonly crashAfterPublish: boolean;
}

/** A configuration mistake, with what to set. */
export class AuditConfigError extends ConfigError {
  override name = 'AuditConfigError';
}

const { integer, flag } = envReaders(AuditConfigError);

/** Reads and validates the configuration from the environment. */
export function auditConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  return {
    ...serviceConfigFromEnv(env, { prefix: 'AUDIT', defaultPort: 4004, Err: AuditConfigError }),
    relay: flag(env, 'AUDIT_RELAY', true),
    pollMs: integer(env, 'AUDIT_POLL_MS', 1_000, 10, 3_600_000),
    maxChanges: integer(env, 'AUDIT_MAX_CHANGES', 500, 1, 100_000),
    crashAfterPublish: flag(env, 'AUDIT_TEST_CRASH_AFTER_PUBLISH', false),
  };
}
