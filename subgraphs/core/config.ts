import { asConfigError, ConfigError, envReaders, terminusSettingsFromEnv, type TerminusSettings } from '../../lib/index.js';

/** Configuration of the core subgraph process (one typed object, read from env at start). */
export interface CoreConfig {
  /** Port to listen on (`CORE_PORT`, default 4001; 0 picks a free one). */
  readonly port: number;
  /** Interface to bind (`CORE_HOST`, default `127.0.0.1`). */
  readonly host: string;
  /** TerminusDB, from the shared `TERMINUSDB_*` variables (see lib `terminusSettingsFromEnv`; database default `supergraph`). */
  readonly terminus: TerminusSettings;
  /** HMAC key of the router-signed identity (`ROUTER_IDENTITY_KEY`, required unless `CORE_INSECURE_NO_IDENTITY=true`). */
  readonly identityKey: string | null;
  /** Branch-head cache lifetime in ms (`CORE_HEAD_TTL_MS`, default 100; 0 disables). */
  readonly headTtlMs: number;
  /** Budget of the commit-keyed read caches in MiB (`CORE_CACHE_MB`, default 64; 0 disables them). */
  readonly cacheMb: number;
  /** Where to nudge the commit relay after each write (`AUDIT_NUDGE_URL`, e.g. `http://127.0.0.1:4004/nudge`; unset: none, the relay polls). */
  readonly nudgeUrl: string | null;
  /** Schema-check cache lifetime in ms (`CORE_SCHEMA_TTL_MS`, default 30000). */
  readonly schemaTtlMs: number;
}

/** A configuration mistake, with a message that says what to set. */
export class CoreConfigError extends ConfigError {
  override name = 'CoreConfigError';
}

const { integer, flag } = envReaders(CoreConfigError);

/** Reads and validates the configuration from the environment. */
export function coreConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CoreConfig {
  const terminus = asConfigError(CoreConfigError, () => terminusSettingsFromEnv(env));
  // Not lib's serviceConfigFromEnv: core has no event bus. The identity and host rules are the same.
  const insecure = flag(env, 'CORE_INSECURE_NO_IDENTITY', false);
  const key = env['ROUTER_IDENTITY_KEY'] ?? '';
  if (key === '' && !insecure) throw new CoreConfigError('Set ROUTER_IDENTITY_KEY (the key the router signs identities with), or CORE_INSECURE_NO_IDENTITY=true for local tests');
  return {
    port: integer(env, 'CORE_PORT', 4001, 0, 65535),
    host: env['CORE_HOST'] || '127.0.0.1',
    terminus,
    identityKey: key === '' ? null : key,
    nudgeUrl: nudgeUrlFrom(env),
    headTtlMs: integer(env, 'CORE_HEAD_TTL_MS', 100, 0, 60_000),
    cacheMb: integer(env, 'CORE_CACHE_MB', 64, 0, 65_536),
    schemaTtlMs: integer(env, 'CORE_SCHEMA_TTL_MS', 30_000, 0, 3_600_000),
  };
}

function nudgeUrlFrom(env: NodeJS.ProcessEnv): string | null {
  const raw = (env['AUDIT_NUDGE_URL'] ?? '').trim();
  if (raw === '') return null;
  try {
    const u = new URL(raw);
    if (u.protocol === 'http:' || u.protocol === 'https:') return raw;
  } catch {
    // fall through
  }
  throw new CoreConfigError(`AUDIT_NUDGE_URL must be an http(s) URL such as http://127.0.0.1:4004/nudge, got ${JSON.stringify(raw)}`);
}
