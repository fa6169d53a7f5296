/**
 * A failing provider: commits still land (the database never waits for embeddings), the failure is
 * shown in the status and retried with backoff, and once the provider is back the document is found.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, IDENTITY_HEADER, MemoryEventBus, signIdentity, type Subscription } from '../../lib/index.js';
import { demoSeed } from '../../ontology/index.js';
import { CommitRelay } from '../../subgraphs/audit/index.js';
import { createEmbeddingSubgraph, EmbedderError, lexicalEmbedder, startConsumer, type Embedder, type EmbeddingEngine } from '../../subgraphs/embedding/index.js';
import { startAuditDb, type AuditHarness } from '../audit/harness.js';
import { engineFor, tempDir } from './harness.js';

let db: AuditHarness;
let bus: MemoryEventBus;
let relay: CommitRelay;
let engine: EmbeddingEngine;
let consumer: Subscription;
const dataDir = tempDir();
let failing = false;
let calls = 0;

function flaky(inner: Embedder): Embedder {
  return {
    ...inner,
    embed: (texts, signal) => {
      calls++;
      return failing ? Promise.reject(new EmbedderError('provider down (test)')) : inner.embed(texts, signal);
    },
  };
}

beforeAll(async () => {
  db = await startAuditDb();
  bus = new MemoryEventBus();
  relay = new CommitRelay({ terminus: db.terminus, bus, pollMs: 30 });
  await relay.runOnce();
  relay.start();
  engine = engineFor(db.terminus, dataDir, { embedder: flaky(lexicalEmbedder(64)) });
  await engine.open();
  consumer = await startConsumer(engine, bus, { db: db.db, logger: createLogger('embedding-test'), retryDelayMs: 20, maxRetryDelayMs: 200 });
});

afterAll(async () => {
  await consumer.close();
  await relay.stop();
  await engine.close();
  await bus.close();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a failing embedding provider', () => {
  it('does not block commits, is shown in the status, retried with backoff, and recovers', async () => {
    failing = true;
    const note = [...demoSeed()].find((d) => d['@type'] === 'Note') as Record<string, unknown>;
    const [id] = (await db.client().addDocument({ ...note, '@id': undefined, body: 'Capybara grooming rota for the weekend keepers' }, {}, db.db, '[test] note')) as string[];
    const noteId = String(id).replace('terminusdb:///data/', '');
    // The commit is in the database although nothing could be embedded.
    expect(await db.head()).not.toBe('');
    const failure = await until(async () => {
      const s = await engine.status();
      return s.lastError !== null && s.lastError.attempts >= 3 ? s.lastError : undefined;
    });
    expect(failure.message).toContain('provider down (test)');
    expect((await engine.status()).branches[0]?.commitsBehind).toBeGreaterThanOrEqual(1);
    const before = calls;
    failing = false;
    const status = await until(async () => {
      const s = await engine.status();
      return s.lastError === null && s.branches[0]?.commitsBehind === 0 ? s : undefined;
    });
    expect(status.branches[0]?.documentsIndexed).toBe(283);
    expect(engine.index('main').entry(noteId)).toBeDefined();
    expect(calls).toBeGreaterThan(before);
    const hit = engine.search('main', await engine.embedQuery('capybara grooming rota weekend keepers'), 1)[0];
    expect(hit?.id).toBe(noteId);
  });

  it('answers EMBEDDING_PROVIDER_UNAVAILABLE for a query or a re-embed while the provider is down', async () => {
    const key = randomBytes(16).toString('hex');
    const handler = createEmbeddingSubgraph({ engine, terminus: db.terminus, identityKey: key, maxQueryChars: 500 });
    const headers = { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity({ sub: 'alice', scopes: ['read'] }, key) };
    const search = async (text: string): Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }> =>
      (await handler(new Request('http://embedding/graphql', { method: 'POST', headers, body: JSON.stringify({ query: 'query($t: String!) { semanticSearch(text: $t, k: 3) { id } }', variables: { t: text } }) }))).json() as never;
    failing = true;
    try {
      const down = await search('okapi feeding schedule');
      expect(down.errors?.[0]?.extensions?.code).toBe('EMBEDDING_PROVIDER_UNAVAILABLE');
      const res = await handler(new Request('http://embedding/reembed', { method: 'POST', headers, body: JSON.stringify({ branch: 'main', force: true }) }));
      const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { error?: { code: string } });
      expect(lines.at(-1)?.error?.code).toBe('EMBEDDING_PROVIDER_UNAVAILABLE');
    } finally {
      failing = false;
    }
    // A failed query is not cached: the same text works once the provider is back.
    const up = await search('okapi feeding schedule');
    expect(up.errors).toBeUndefined();
    expect((up.data as { semanticSearch: unknown[] }).semanticSearch).toHaveLength(3);
  });
});
