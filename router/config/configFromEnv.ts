import { readFile } from 'node:fs/promises';
import { readBranchPolicy } from '../auth/branchPolicy.js';
import { ConfigError } from './ConfigError.js';
import { resolveRouterConfig, type RouterOptions } from './resolveRouterConfig.js';
import type { RouterConfig } from './RouterConfig.js';

/** Where `main.ts` listens. */
export interface ListenConfig {
  /** `PORT` (default 4000; 0 = any free port). */
  readonly port: number;
  /** `HOST` (default 127.0.0.1). */
  readonly host: string;
  /** How long SIGTERM waits for in-flight requests, ms (`ROUTER_DRAIN_MS`, default 10,000). */
  readonly drainMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function int(env: Env, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer (got "${v}")`);
  return n;
}

function bool(env: Env, name: string): boolean | undefined {
  const v = env[name]?.toLowerCase();
  if (v === undefined || v === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}")`);
}

function list(env: Env, name: string): string[] | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);
}

function timeouts(env: Env): Record<string, number> | undefined {
  const items = list(env, 'ROUTER_SUBGRAPH_TIMEOUTS');
  if (items === undefined) return undefined;
  return Object.fromEntries(
    items.map((item) => {
      const [name, ms] = item.split('=');
      const n = Number(ms);
      if (name === undefined || name === '' || !Number.isInteger(n) || n <= 0) throw new ConfigError(`ROUTER_SUBGRAPH_TIMEOUTS: expected name=ms,… (got "${item}")`);
      return [name, n];
    }),
  );
}

/** Drops undefined fields (exactOptionalPropertyTypes). */
function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

/**
 * Reads the router's configuration from the environment (see `router/README.md` for the table) and
 * validates it; `devSecrets` fills the JWT secret and identity key when the env has none.
 */
export async function configFromEnv(env: Env, devSecrets: () => Promise<{ jwtSecret: string; identityKey: string }>): Promise<{ router: RouterConfig; listen: ListenConfig; devSecret: boolean }> {
  const authMode = env['ROUTER_AUTHZ_MODE'];
  if (authMode !== undefined && authMode !== 'filter' && authMode !== 'reject') throw new ConfigError(`ROUTER_AUTHZ_MODE must be filter or reject (got "${authMode}")`);
  const supergraphFile = env['SUPERGRAPH'];
  const compose = env['ROUTER_COMPOSE'];
  if (supergraphFile === undefined && compose === undefined) throw new ConfigError('set SUPERGRAPH=<supergraph.graphql> (or ROUTER_COMPOSE=supergraph.yaml to compose at start in dev mode)');
  const hasKey = env['JWT_SECRET'] !== undefined || env['JWT_PUBLIC_KEY'] !== undefined || env['JWT_JWKS_URL'] !== undefined || env['JWT_PUBLIC_KEY_FILE'] !== undefined;
  const needDev = !hasKey || env['ROUTER_IDENTITY_KEY'] === undefined;
  const dev = needDev ? await devSecrets() : undefined;
  const publicKey = env['JWT_PUBLIC_KEY_FILE'] !== undefined ? await readFile(env['JWT_PUBLIC_KEY_FILE'], 'utf8') : env['JWT_PUBLIC_KEY'];
  const options: RouterOptions = defined({
    supergraph: defined({ file: supergraphFile, compose: supergraphFile === undefined ? compose : undefined, watchIntervalMs: int(env, 'ROUTER_WATCH_MS'), pollSubgraphsMs: int(env, 'ROUTER_POLL_SUBGRAPHS_MS') }),
    auth: defined({
      required: bool(env, 'AUTH_REQUIRED'),
      secret: env['JWT_SECRET'] ?? (hasKey ? undefined : dev?.jwtSecret),
      publicKey,
      jwksUrl: env['JWT_JWKS_URL'],
      jwksCooldownMs: int(env, 'JWT_JWKS_COOLDOWN_MS'),
      jwksMaxAgeMs: int(env, 'JWT_JWKS_MAX_AGE_MS'),
      issuer: env['JWT_ISSUER'],
      audience: env['JWT_AUDIENCE'],
      algorithms: list(env, 'JWT_ALGORITHMS'),
      clockToleranceSec: int(env, 'JWT_CLOCK_TOLERANCE_S'),
    }),
    authorization: defined({ mode: authMode as 'filter' | 'reject' | undefined }),
    branchPolicy: env['ROUTER_POLICY_FILE'] !== undefined ? await readBranchPolicy(env['ROUTER_POLICY_FILE']) : undefined,
    identityKey: env['ROUTER_IDENTITY_KEY'] ?? dev?.identityKey,
    limits: defined({
      maxDepth: int(env, 'ROUTER_MAX_DEPTH'),
      maxAliases: int(env, 'ROUTER_MAX_ALIASES'),
      maxRootFields: int(env, 'ROUTER_MAX_ROOT_FIELDS'),
      maxCost: int(env, 'ROUTER_MAX_COST'),
      defaultListSize: int(env, 'ROUTER_DEFAULT_LIST_SIZE'),
      maxBodyBytes: int(env, 'ROUTER_MAX_BODY_BYTES'),
    }),
    subgraphs: defined({
      timeoutMs: int(env, 'ROUTER_SUBGRAPH_TIMEOUT_MS'),
      timeouts: timeouts(env),
      breakerFailures: int(env, 'ROUTER_BREAKER_FAILURES'),
      breakerResetMs: int(env, 'ROUTER_BREAKER_RESET_MS'),
      maxSockets: int(env, 'ROUTER_SUBGRAPH_SOCKETS'),
      dedup: bool(env, 'ROUTER_DEDUP'),
    }),
    persistedQueries: defined({ apq: bool(env, 'ROUTER_APQ'), manifestFile: env['ROUTER_TRUSTED_DOCUMENTS'], onlyTrusted: bool(env, 'ROUTER_ONLY_TRUSTED') }),
    caches: defined({ documents: int(env, 'ROUTER_DOCUMENT_CACHE'), plans: int(env, 'ROUTER_PLAN_CACHE'), apq: int(env, 'ROUTER_APQ_CACHE') }),
    operationsFile: env['ROUTER_OPERATIONS_FILE'],
    operationsFlushMs: int(env, 'ROUTER_OPERATIONS_FLUSH_MS'),
    graphiql: bool(env, 'ROUTER_GRAPHIQL'),
    introspection: bool(env, 'ROUTER_INTROSPECTION'),
    checkSubgraphsReady: bool(env, 'ROUTER_READY_CHECKS_SUBGRAPHS'),
    subscriptions: defined({
      db: env['TERMINUSDB_DB'] || undefined,
      maxPerConnection: int(env, 'ROUTER_WS_MAX_PER_CONNECTION'),
      maxPerToken: int(env, 'ROUTER_WS_MAX_PER_TOKEN'),
      connectionInitWaitMs: int(env, 'ROUTER_WS_INIT_TIMEOUT_MS'),
      keepAliveMs: int(env, 'ROUTER_WS_KEEPALIVE_MS'),
    }),
  });
  const port = int(env, 'PORT') ?? 4000;
  if (port > 65535) throw new ConfigError(`PORT must be at most 65535 (got ${port})`);
  return {
    router: resolveRouterConfig(options),
    listen: { port, host: env['HOST'] ?? '127.0.0.1', drainMs: int(env, 'ROUTER_DRAIN_MS') ?? 10_000 },
    devSecret: !hasKey,
  };
}
