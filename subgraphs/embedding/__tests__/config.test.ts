import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/index.js';
import { embeddingConfigFromEnv, EmbeddingConfigError } from '../config.js';

const base = { ROUTER_IDENTITY_KEY: 'k' };

describe('embeddingConfigFromEnv', () => {
  it('has defaults that run on one machine', () => {
    expect(embeddingConfigFromEnv(base)).toMatchObject({
      port: 4002, host: '127.0.0.1', dataDir: '.data/embedding', branches: ['main'], provider: { kind: 'use', workers: 1 }, hnswThreshold: 20_000, consumer: true, durable: 'embedding', maxQueryChars: 2_000,
    });
  });

  it('reads the providers', () => {
    expect(embeddingConfigFromEnv({ ...base, EMBEDDING_PROVIDER: 'lexical', EMBEDDING_DIMENSIONS: '64' }).provider).toEqual({ kind: 'lexical', dimensions: 64 });
    expect(embeddingConfigFromEnv({ ...base, EMBEDDING_PROVIDER: 'openai', EMBEDDING_URL: 'http://h:1', EMBEDDING_MODEL: 'm', EMBEDDING_API_KEY: 's' }).provider).toEqual({ kind: 'openai', url: 'http://h:1', model: 'm', apiKey: 's' });
    expect(embeddingConfigFromEnv({ ...base, EMBEDDING_USE_WORKERS: '2' }).provider).toEqual({ kind: 'use', workers: 2 });
    expect(embeddingConfigFromEnv({ ...base, EMBEDDING_BRANCHES: 'main, feature/x' }).branches).toEqual(['main', 'feature/x']);
  });

  it('says what to set when something is wrong', () => {
    const bad: Record<string, string>[] = [
      {},
      { ...base, EMBEDDING_PROVIDER: 'gpt' },
      { ...base, EMBEDDING_PROVIDER: 'openai', EMBEDDING_MODEL: 'm' },
      { ...base, EMBEDDING_PROVIDER: 'openai', EMBEDDING_URL: 'http://h' },
      { ...base, EMBEDDING_PORT: '-1' },
      { ...base, EMBEDDING_BRANCHES: 'svc-embedding' },
      { ...base, EMBEDDING_BRANCHES: ' , ' },
      { ...base, NATS_URL: 'http://x' },
      { ...base, EMBEDDING_DURABLE: 'a.b' },
      { ...base, EMBEDDING_USE_WORKERS: '0' },
    ];
    for (const env of bad) expect(() => embeddingConfigFromEnv(env), JSON.stringify(env)).toThrow(EmbeddingConfigError);
    expect(embeddingConfigFromEnv({ EMBEDDING_INSECURE_NO_IDENTITY: 'true' }).identityKey).toBeNull();
    expect(() => embeddingConfigFromEnv({})).toThrow('Set ROUTER_IDENTITY_KEY (the key the router signs identities with), or EMBEDDING_INSECURE_NO_IDENTITY=true for local tests');
    for (const env of bad) expect(() => embeddingConfigFromEnv(env), JSON.stringify(env)).toThrow(ConfigError);
  });
});
