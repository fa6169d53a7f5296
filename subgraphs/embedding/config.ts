import { ConfigError, envReaders, serviceConfigFromEnv, type ServiceConfig } from '../../lib/index.js';

/** Which embedding provider, and its settings. */
export type ProviderConfig =
  /** Universal Sentence Encoder lite in process (512 dimensions, offline), in `workers` worker threads (`EMBEDDING_USE_WORKERS`, default 1). */
  | { readonly kind: 'use'; readonly workers: number }
  /** An OpenAI-compatible `POST /v1/embeddings` server. */
  | { readonly kind: 'openai'; readonly url: string; readonly model: string; readonly apiKey?: string; readonly dimensions?: number }
  /** Deterministic hashed n-grams (tests, explicit choice only). */
  | { readonly kind: 'lexical'; readonly dimensions: number };

/**
 * Configuration of the embedding subgraph process (one typed object, read from env at start): lib's
 * `ServiceConfig` with prefix `EMBEDDING` (`EMBEDDING_PORT`, default 4002; `EMBEDDING_HOST`, default
 * `127.0.0.1`; `TERMINUSDB_*`; `NATS_URL`, unset or `memory`: in-memory, single process only;
 * `ROUTER_IDENTITY_KEY`, required unless `EMBEDDING_INSECURE_NO_IDENTITY=true`), and:
 */
export interface EmbeddingConfig extends ServiceConfig {
  /** Where the ANN index files live (`EMBEDDING_DATA_DIR`, default `.data/embedding`). */
  readonly dataDir: string;
  /** Branches kept in step (`EMBEDDING_BRANCHES`, comma-separated supergraph names, default `main`). */
  readonly branches: readonly string[];
  /** `EMBEDDING_PROVIDER`: `use` (default), `openai` (`EMBEDDING_URL`, `EMBEDDING_MODEL`, `EMBEDDING_API_KEY`, optional `EMBEDDING_DIMENSIONS`), `lexical` (`EMBEDDING_DIMENSIONS`, default 256). */
  readonly provider: ProviderConfig;
  /** Above this many vectors a branch's index is HNSW (usearch), below exact (`EMBEDDING_HNSW_THRESHOLD`, default 20 000). */
  readonly hnswThreshold: number;
  /** Run the commit consumer in this process (`EMBEDDING_CONSUMER`, default true). */
  readonly consumer: boolean;
  /** Durable consumer name (`EMBEDDING_DURABLE`, default `embedding`); each replica with its own index needs its own. */
  readonly durable: string;
  /** Longest text accepted by `semanticSearch` in characters (`EMBEDDING_MAX_QUERY_CHARS`, default 2 000). */
  readonly maxQueryChars: number;
}

/** A configuration mistake, with what to set. */
export class EmbeddingConfigError extends ConfigError {
  override name = 'EmbeddingConfigError';
}

const { integer, flag } = envReaders(EmbeddingConfigError);

function provider(env: NodeJS.ProcessEnv): ProviderConfig {
  const kind = (env['EMBEDDING_PROVIDER'] ?? '').trim() || 'use';
  if (kind === 'use') return { kind, workers: integer(env, 'EMBEDDING_USE_WORKERS', 1, 1, 16) };
  if (kind === 'lexical') return { kind, dimensions: integer(env, 'EMBEDDING_DIMENSIONS', 256, 8, 4096) };
  if (kind === 'openai') {
    const url = (env['EMBEDDING_URL'] ?? '').trim();
    const model = (env['EMBEDDING_MODEL'] ?? '').trim();
    if (!/^https?:\/\/\S+$/.test(url)) throw new EmbeddingConfigError(`EMBEDDING_PROVIDER=openai needs EMBEDDING_URL (http(s) base URL of an OpenAI-compatible server), got ${JSON.stringify(url)}`);
    if (model === '') throw new EmbeddingConfigError('EMBEDDING_PROVIDER=openai needs EMBEDDING_MODEL (e.g. text-embedding-3-small)');
    const apiKey = env['EMBEDDING_API_KEY'] ?? '';
    const dims = env['EMBEDDING_DIMENSIONS'];
    return {
      kind,
      url,
      model,
      ...(apiKey === '' ? {} : { apiKey }),
      ...(dims === undefined || dims === '' ? {} : { dimensions: integer(env, 'EMBEDDING_DIMENSIONS', 0, 1, 65_536) }),
    };
  }
  throw new EmbeddingConfigError(`EMBEDDING_PROVIDER must be use, openai or lexical, got ${JSON.stringify(kind)}`);
}

function durableName(env: NodeJS.ProcessEnv): string {
  const name = (env['EMBEDDING_DURABLE'] ?? '').trim() || 'embedding';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new EmbeddingConfigError(`EMBEDDING_DURABLE must be letters, digits, _ or - (a NATS consumer name), got ${JSON.stringify(name)}`);
  return name;
}

/** Reads and validates the configuration from the environment. */
export function embeddingConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EmbeddingConfig {
  const service = serviceConfigFromEnv(env, { prefix: 'EMBEDDING', defaultPort: 4002, Err: EmbeddingConfigError });
  const branches = [...new Set((env['EMBEDDING_BRANCHES'] ?? 'main').split(',').map((b) => b.trim()).filter((b) => b !== ''))];
  if (branches.length === 0) throw new EmbeddingConfigError('EMBEDDING_BRANCHES must name at least one branch (comma-separated), e.g. main');
  for (const b of branches) {
    if (b.startsWith('svc-')) throw new EmbeddingConfigError(`EMBEDDING_BRANCHES: ${b} is a service branch (svc-*), not data to embed`);
    if (!/^[A-Za-z0-9_./-]+$/.test(b)) throw new EmbeddingConfigError(`EMBEDDING_BRANCHES: ${JSON.stringify(b)} is not a branch name`);
  }
  return {
    ...service,
    dataDir: env['EMBEDDING_DATA_DIR'] || '.data/embedding',
    branches,
    provider: provider(env),
    hnswThreshold: integer(env, 'EMBEDDING_HNSW_THRESHOLD', 20_000, 0, 100_000_000),
    consumer: flag(env, 'EMBEDDING_CONSUMER', true),
    durable: durableName(env),
    maxQueryChars: integer(env, 'EMBEDDING_MAX_QUERY_CHARS', 2_000, 1, 1_000_000),
  };
}
