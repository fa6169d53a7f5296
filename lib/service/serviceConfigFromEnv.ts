import { asConfigError, envFlag, envInteger, type ConfigErrorClass } from '../config/index.js';
import { eventBusConfigFromEnv, type EventBusConfig } from '../events/index.js';
import { terminusSettingsFromEnv, type TerminusSettings } from '../terminus/index.js';

/** What every service subgraph process (audit, embedding, scheduler) reads first; each spreads it into its own config object. */
export interface ServiceConfig {
  /** Port (`<PREFIX>_PORT`, the service's default; 0 picks a free one). */
  readonly port: number;
  /** Interface (`<PREFIX>_HOST`, default `127.0.0.1`; empty means the default). */
  readonly host: string;
  /** TerminusDB (`TERMINUSDB_URL`, `TERMINUSDB_USER`, `TERMINUSDB_PASS`, `TERMINUSDB_ORG`, `TERMINUSDB_DB`; see lib/terminus). */
  readonly terminus: TerminusSettings;
  /** The event bus (`NATS_URL`; unset or `memory`: in-memory, single process only). */
  readonly bus: EventBusConfig;
  /** HMAC key of the router-signed identity (`ROUTER_IDENTITY_KEY`; required unless `<PREFIX>_INSECURE_NO_IDENTITY=true`); null: not checked. */
  readonly identityKey: string | null;
}

/** Which service reads its {@link ServiceConfig}. */
export interface ServiceConfigOptions {
  /** Prefix of the service's own variables: `AUDIT` reads `AUDIT_PORT`, `AUDIT_HOST`, `AUDIT_INSECURE_NO_IDENTITY`. */
  readonly prefix: string;
  /** Port when `<PREFIX>_PORT` is unset or empty. */
  readonly defaultPort: number;
  /** The service's own config error class: every mistake found here is thrown as one (its main tells it apart). */
  readonly Err: ConfigErrorClass;
}

/**
 * Reads and validates the part of a service's configuration all services share, in this order:
 * TerminusDB and bus settings (their readers' errors rethrown as `Err`), the router identity key,
 * port, host.
 */
export function serviceConfigFromEnv(env: NodeJS.ProcessEnv, { prefix, defaultPort, Err }: ServiceConfigOptions): ServiceConfig {
  const terminus = asConfigError(Err, () => terminusSettingsFromEnv(env));
  const bus = asConfigError(Err, () => eventBusConfigFromEnv(env));
  const key = env['ROUTER_IDENTITY_KEY'] ?? '';
  if (key === '' && !envFlag(env, `${prefix}_INSECURE_NO_IDENTITY`, false, Err)) {
    throw new Err(`Set ROUTER_IDENTITY_KEY (the key the router signs identities with), or ${prefix}_INSECURE_NO_IDENTITY=true for local tests`);
  }
  return {
    port: envInteger(env, `${prefix}_PORT`, defaultPort, 0, 65535, Err),
    host: env[`${prefix}_HOST`] || '127.0.0.1',
    terminus,
    bus,
    identityKey: key === '' ? null : key,
  };
}
