import type { BranchPolicy } from '../auth/branchPolicy.js';

/** Where the supergraph comes from. Exactly one of `file`, `sdl`, `compose` is set. */
export interface SupergraphSourceConfig {
  /** A composed supergraph file (`SUPERGRAPH`); watched for changes when `watchIntervalMs` > 0. */
  readonly file?: string;
  /** A supergraph SDL given in-process (tests); swap it with `router.reload(sdl)`. */
  readonly sdl?: string;
  /** Dev mode (`ROUTER_COMPOSE`): compose `supergraph.yaml` at start and whenever a schema file changes. */
  readonly compose?: string;
  /** Stat-poll interval for the file(s), ms (`ROUTER_WATCH_MS`, default 500; 0 = no watching). */
  readonly watchIntervalMs: number;
  /**
   * Poll every subgraph's `_service { sdl }` and recompose when one changes, ms
   * (`ROUTER_POLL_SUBGRAPHS_MS`, default 0 = off).
   */
  readonly pollSubgraphsMs: number;
}

/** JWT verification (`Authorization: Bearer`). */
export interface AuthConfig {
  /** Reject requests without a token (`AUTH_REQUIRED`, default false: anonymous callers get no scopes). */
  readonly required: boolean;
  /** HMAC secret (`JWT_SECRET`); the dev default is generated and printed at start. */
  readonly secret?: string;
  /** PEM public key (SPKI) (`JWT_PUBLIC_KEY`). */
  readonly publicKey?: string;
  /** JWKS URL (`JWT_JWKS_URL`); keys are fetched and cached by `jose`. */
  readonly jwksUrl?: string;
  /**
   * After a JWKS fetch, how long a token with an unknown `kid` waits before it may trigger another
   * fetch (`JWT_JWKS_COOLDOWN_MS`, default 30000, jose's default): key rotation is picked up after it.
   */
  readonly jwksCooldownMs: number;
  /** How long fetched JWKS keys are used before they are fetched again (`JWT_JWKS_MAX_AGE_MS`, default 600000). */
  readonly jwksMaxAgeMs: number;
  /** Required `iss` (`JWT_ISSUER`, default `terminus-supergraph`; empty = not checked). */
  readonly issuer?: string;
  /** Required `aud` (`JWT_AUDIENCE`, default `terminus-supergraph`; empty = not checked). */
  readonly audience?: string;
  /** Accepted algorithms (`JWT_ALGORITHMS`, default `HS256` with a secret, else `RS256,ES256,EdDSA`); never `none`. */
  readonly algorithms: readonly string[];
  /** Clock tolerance for exp/nbf, seconds (`JWT_CLOCK_TOLERANCE_S`, default 5). */
  readonly clockToleranceSec: number;
}

/** `@authenticated` / `@requiresScopes` enforcement. */
export interface AuthorizationConfig {
  /** `filter` (default) removes unauthorised fields and answers null + errors; `reject` refuses the operation (`ROUTER_AUTHZ_MODE`). */
  readonly mode: 'filter' | 'reject';
}

/** Operation limits, checked before planning. */
export interface LimitsConfig {
  /** Deepest field nesting (`ROUTER_MAX_DEPTH`, default 15). */
  readonly maxDepth: number;
  /** Most aliases in one operation (`ROUTER_MAX_ALIASES`, default 30). */
  readonly maxAliases: number;
  /** Most root fields (`ROUTER_MAX_ROOT_FIELDS`, default 20). */
  readonly maxRootFields: number;
  /** Largest estimated cost (`ROUTER_MAX_COST`, default 100,000; 0 = off). */
  readonly maxCost: number;
  /** Assumed size of a list without a size argument (`ROUTER_DEFAULT_LIST_SIZE`, default 10). */
  readonly defaultListSize: number;
  /** Arguments that bound a list's size (default `first`, `last`, `limit`). */
  readonly listSizeArguments: readonly string[];
  /** Largest request body, bytes (`ROUTER_MAX_BODY_BYTES`, default 4 MiB) → 413. */
  readonly maxBodyBytes: number;
}

/** How the router talks to subgraphs. */
export interface SubgraphsConfig {
  /** Per-fetch timeout, ms (`ROUTER_SUBGRAPH_TIMEOUT_MS`, default 10,000); per subgraph in `timeouts`. */
  readonly timeoutMs: number;
  /** Per-subgraph timeout overrides, ms (`ROUTER_SUBGRAPH_TIMEOUTS=core=5000,audit=20000`). */
  readonly timeouts: Readonly<Record<string, number>>;
  /** Consecutive failures that open a subgraph's breaker (`ROUTER_BREAKER_FAILURES`, default 5). */
  readonly breakerFailures: number;
  /** Open period before a half-open probe, ms (`ROUTER_BREAKER_RESET_MS`, default 1,000). */
  readonly breakerResetMs: number;
  /** Keep-alive sockets per subgraph (`ROUTER_SUBGRAPH_SOCKETS`, default 128). */
  readonly maxSockets: number;
  /** Share identical in-flight query fetches (`ROUTER_DEDUP`, default true). */
  readonly dedup: boolean;
}

/** Persisted queries. */
export interface PersistedQueriesConfig {
  /** Automatic persisted queries (`ROUTER_APQ`, default true). */
  readonly apq: boolean;
  /** Manifest of trusted documents, hash → document (`ROUTER_TRUSTED_DOCUMENTS`). */
  readonly manifestFile?: string;
  /** Accept only documents of the manifest (`ROUTER_ONLY_TRUSTED`, default false). */
  readonly onlyTrusted: boolean;
}

/** Cache sizes (entries). */
export interface CachesConfig {
  /** Parsed + validated documents and their analysis (`ROUTER_DOCUMENT_CACHE`, default 1,000). */
  readonly documents: number;
  /** Query plans (`ROUTER_PLAN_CACHE`, default 1,000). */
  readonly plans: number;
  /** APQ documents (`ROUTER_APQ_CACHE`, default 1,000). */
  readonly apq: number;
}

/** Subscriptions over WebSocket (graphql-ws on `/graphql`), served from the event bus. */
export interface SubscriptionsConfig {
  /** The TerminusDB database whose events are served: `{db}` in `@eventStream` subjects (`TERMINUSDB_DB`, default `supergraph`). */
  readonly db: string;
  /** Most active subscriptions on one WebSocket connection (`ROUTER_WS_MAX_PER_CONNECTION`, default 100). */
  readonly maxPerConnection: number;
  /** Most active subscriptions of one token across connections (`ROUTER_WS_MAX_PER_TOKEN`, default 500). */
  readonly maxPerToken: number;
  /** Close connections that send no `connection_init` within this time, ms (`ROUTER_WS_INIT_TIMEOUT_MS`, default 3,000). */
  readonly connectionInitWaitMs: number;
  /** WebSocket ping period, ms (`ROUTER_WS_KEEPALIVE_MS`, default 12,000; 0 = off). */
  readonly keepAliveMs: number;
}

/** The router's one configuration object (see `resolveRouterConfig()` for the defaults). */
export interface RouterConfig {
  readonly supergraph: SupergraphSourceConfig;
  readonly auth: AuthConfig;
  readonly authorization: AuthorizationConfig;
  /** Branch policy (`ROUTER_POLICY_FILE`, e.g. `router/policy.yaml`); undefined = no branch checks. */
  readonly branchPolicy?: BranchPolicy;
  /** HMAC key that signs the caller's identity for subgraphs (`ROUTER_IDENTITY_KEY`; dev default generated). */
  readonly identityKey: string;
  readonly limits: LimitsConfig;
  readonly subgraphs: SubgraphsConfig;
  readonly persistedQueries: PersistedQueriesConfig;
  readonly caches: CachesConfig;
  /** Where operation records go (`ROUTER_OPERATIONS_FILE`); undefined = not recorded. */
  readonly operationsFile?: string;
  /** Flush period of the operations file, ms (`ROUTER_OPERATIONS_FLUSH_MS`, default 10,000). */
  readonly operationsFlushMs: number;
  /** Serve GraphiQL on `GET /graphql` for browsers (`ROUTER_GRAPHIQL`, default true). */
  readonly graphiql: boolean;
  /** Allow introspection (`ROUTER_INTROSPECTION`, default true). */
  readonly introspection: boolean;
  /** Answer `/readyz` only when every subgraph's `/readyz` (or a `{ __typename }` query) answers (default true). */
  readonly checkSubgraphsReady: boolean;
  readonly subscriptions: SubscriptionsConfig;
}
