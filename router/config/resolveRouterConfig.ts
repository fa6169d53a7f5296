import { randomBytes } from 'node:crypto';
import { ConfigError } from './ConfigError.js';
import type { RouterConfig } from './RouterConfig.js';

type Partialize<T> = { -readonly [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? Partial<T[K]> : T[K] };

/** What `createRouter` accepts: every field optional, defaults filled in by {@link resolveRouterConfig}. */
export type RouterOptions = Partialize<RouterConfig>;

const MiB = 1024 * 1024;

/** Fills defaults and validates; throws ConfigError naming the field to fix. */
export function resolveRouterConfig(o: RouterOptions = {}): RouterConfig {
  const s = o.supergraph ?? {};
  const sources = [s.file, s.sdl, s.compose].filter((v) => v !== undefined);
  if (sources.length !== 1) throw new ConfigError('supergraph: set exactly one of file (SUPERGRAPH), sdl or compose (ROUTER_COMPOSE)');
  const hasKey = o.auth?.secret !== undefined || o.auth?.publicKey !== undefined || o.auth?.jwksUrl !== undefined;
  const algorithms = o.auth?.algorithms ?? (o.auth?.jwksUrl !== undefined || o.auth?.publicKey !== undefined ? ['RS256', 'ES256', 'EdDSA'] : ['HS256']);
  if (algorithms.length === 0 || algorithms.some((a) => a.toLowerCase() === 'none')) throw new ConfigError('auth.algorithms (JWT_ALGORITHMS): list at least one algorithm and never "none"');
  if (o.auth?.required === true && !hasKey) throw new ConfigError('auth.required (AUTH_REQUIRED) needs a key: set JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL');
  const config: RouterConfig = {
    supergraph: {
      ...(s.file !== undefined ? { file: s.file } : {}),
      ...(s.sdl !== undefined ? { sdl: s.sdl } : {}),
      ...(s.compose !== undefined ? { compose: s.compose } : {}),
      watchIntervalMs: s.watchIntervalMs ?? 500,
      pollSubgraphsMs: s.pollSubgraphsMs ?? 0,
    },
    auth: {
      required: o.auth?.required ?? false,
      ...(o.auth?.secret !== undefined ? { secret: o.auth.secret } : {}),
      ...(o.auth?.publicKey !== undefined ? { publicKey: o.auth.publicKey } : {}),
      ...(o.auth?.jwksUrl !== undefined ? { jwksUrl: o.auth.jwksUrl } : {}),
      jwksCooldownMs: o.auth?.jwksCooldownMs ?? 30_000,
      jwksMaxAgeMs: o.auth?.jwksMaxAgeMs ?? 600_000,
      issuer: o.auth?.issuer ?? 'terminus-supergraph',
      audience: o.auth?.audience ?? 'terminus-supergraph',
      algorithms,
      clockToleranceSec: o.auth?.clockToleranceSec ?? 5,
    },
    authorization: { mode: o.authorization?.mode ?? 'filter' },
    ...(o.branchPolicy !== undefined ? { branchPolicy: o.branchPolicy } : {}),
    identityKey: o.identityKey ?? randomBytes(32).toString('base64url'),
    limits: {
      maxDepth: o.limits?.maxDepth ?? 15,
      maxAliases: o.limits?.maxAliases ?? 30,
      maxRootFields: o.limits?.maxRootFields ?? 20,
      maxCost: o.limits?.maxCost ?? 100_000,
      defaultListSize: o.limits?.defaultListSize ?? 10,
      listSizeArguments: o.limits?.listSizeArguments ?? ['first', 'last', 'limit'],
      maxBodyBytes: o.limits?.maxBodyBytes ?? 4 * MiB,
    },
    subgraphs: {
      timeoutMs: o.subgraphs?.timeoutMs ?? 10_000,
      timeouts: o.subgraphs?.timeouts ?? {},
      breakerFailures: o.subgraphs?.breakerFailures ?? 5,
      breakerResetMs: o.subgraphs?.breakerResetMs ?? 1_000,
      maxSockets: o.subgraphs?.maxSockets ?? 128,
      dedup: o.subgraphs?.dedup ?? true,
    },
    persistedQueries: {
      apq: o.persistedQueries?.apq ?? true,
      ...(o.persistedQueries?.manifestFile !== undefined ? { manifestFile: o.persistedQueries.manifestFile } : {}),
      onlyTrusted: o.persistedQueries?.onlyTrusted ?? false,
    },
    caches: { documents: o.caches?.documents ?? 1_000, plans: o.caches?.plans ?? 1_000, apq: o.caches?.apq ?? 1_000 },
    ...(o.operationsFile !== undefined ? { operationsFile: o.operationsFile } : {}),
    operationsFlushMs: o.operationsFlushMs ?? 10_000,
    graphiql: o.graphiql ?? true,
    introspection: o.introspection ?? true,
    checkSubgraphsReady: o.checkSubgraphsReady ?? true,
    subscriptions: {
      db: o.subscriptions?.db ?? 'supergraph',
      maxPerConnection: o.subscriptions?.maxPerConnection ?? 100,
      maxPerToken: o.subscriptions?.maxPerToken ?? 500,
      connectionInitWaitMs: o.subscriptions?.connectionInitWaitMs ?? 3_000,
      keepAliveMs: o.subscriptions?.keepAliveMs ?? 12_000,
    },
  };
  if (config.persistedQueries.onlyTrusted && config.persistedQueries.manifestFile === undefined) {
    throw new ConfigError('persistedQueries.onlyTrusted (ROUTER_ONLY_TRUSTED) needs a manifest: set ROUTER_TRUSTED_DOCUMENTS');
  }
  const positive: [string, number][] = [
    ['limits.maxDepth (ROUTER_MAX_DEPTH)', config.limits.maxDepth],
    ['limits.maxAliases (ROUTER_MAX_ALIASES)', config.limits.maxAliases],
    ['limits.maxRootFields (ROUTER_MAX_ROOT_FIELDS)', config.limits.maxRootFields],
    ['limits.maxBodyBytes (ROUTER_MAX_BODY_BYTES)', config.limits.maxBodyBytes],
    ['subgraphs.timeoutMs (ROUTER_SUBGRAPH_TIMEOUT_MS)', config.subgraphs.timeoutMs],
    ['subgraphs.maxSockets (ROUTER_SUBGRAPH_SOCKETS)', config.subgraphs.maxSockets],
    ['caches.documents (ROUTER_DOCUMENT_CACHE)', config.caches.documents],
    ['caches.plans (ROUTER_PLAN_CACHE)', config.caches.plans],
    ['subscriptions.maxPerConnection (ROUTER_WS_MAX_PER_CONNECTION)', config.subscriptions.maxPerConnection],
    ['subscriptions.maxPerToken (ROUTER_WS_MAX_PER_TOKEN)', config.subscriptions.maxPerToken],
    ['subscriptions.connectionInitWaitMs (ROUTER_WS_INIT_TIMEOUT_MS)', config.subscriptions.connectionInitWaitMs],
  ];
  for (const [name, value] of positive) if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive integer (got ${value})`);
  if (config.subscriptions.db === '' || /[\s.*>]/.test(config.subscriptions.db)) throw new ConfigError(`subscriptions.db (TERMINUSDB_DB) must be one subject token (got "${config.subscriptions.db}")`);
  return config;
}
