import { envFlag, envInteger, eventBusConfigFromEnv, terminusSettingsFromEnv, type EventBusConfig, type TerminusSettings } from '../../lib/index.js';

/** Configuration of the audit subgraph process (one typed object, read from env at start). */
export interface AuditConfig {
  /** Port (`AUDIT_PORT`, default 4004; 0 picks a free one). */
  readonly port: number;
  /** Interface (`AUDIT_HOST`, default `127.0.0.1`). */
  readonly host: string;
  /** TerminusDB (`TERMINUSDB_URL`, `TERMINUSDB_USER`, `TERMINUSDB_PASS`, `TERMINUSDB_ORG`, `TERMINUSDB_DB`; see lib/terminus). */
  readonly terminus: TerminusSettings;
  /** The event bus (`NATS_URL`; unset or `memory`: in-memory, single process only). */
  readonly bus: EventBusConfig;
  /** HMAC key of the router-signed identity (`ROUTER_IDENTITY_KEY`; required unless `AUDIT_INSECURE_NO_IDENTITY=true`). */
  readonly identityKey: string | null;
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
export class AuditConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditConfigError';
  }
}

const integer = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number => envInteger(env, name, fallback, min, max, AuditConfigError);
const flag = (env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean => envFlag(env, name, fallback, AuditConfigError);

/** Reads and validates the configuration from the environment. */
export function auditConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  let terminus: TerminusSettings;
  let bus: EventBusConfig;
  try {
    terminus = terminusSettingsFromEnv(env);
    bus = eventBusConfigFromEnv(env);
  } catch (err) {
    throw new AuditConfigError((err as Error).message);
  }
  const key = env['ROUTER_IDENTITY_KEY'] ?? '';
  if (key === '' && !flag(env, 'AUDIT_INSECURE_NO_IDENTITY', false)) {
    throw new AuditConfigError('Set ROUTER_IDENTITY_KEY (the key the router signs identities with), or AUDIT_INSECURE_NO_IDENTITY=true for local tests');
  }
  return {
    port: integer(env, 'AUDIT_PORT', 4004, 0, 65535),
    host: env['AUDIT_HOST'] || '127.0.0.1',
    terminus,
    bus,
    identityKey: key === '' ? null : key,
    relay: flag(env, 'AUDIT_RELAY', true),
    pollMs: integer(env, 'AUDIT_POLL_MS', 1_000, 10, 3_600_000),
    maxChanges: integer(env, 'AUDIT_MAX_CHANGES', 500, 1, 100_000),
    crashAfterPublish: flag(env, 'AUDIT_TEST_CRASH_AFTER_PUBLISH', false),
  };
}
