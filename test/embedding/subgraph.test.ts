import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { IDENTITY_HEADER, serve, signIdentity } from '../../lib/index.js';
import { demoSeed } from '../../ontology/index.js';
import { createEmbeddingSubgraph, lexicalEmbedder, type Embedder, type EmbeddingEngine } from '../../subgraphs/embedding/index.js';
import { startAuditDb, type AuditHarness } from '../audit/harness.js';
import { engineFor, serviceLog, tempDir } from './harness.js';

const KEY = randomBytes(16).toString('hex');
let db: AuditHarness;
let engine: EmbeddingEngine;
let handler: (request: Request) => Promise<Response>;
let dataDir: string;
/** Calls of the embedder are slowed down by this much (ms) while > 0. */
let slowMs = 0;
/** Embedder calls made while slowed down. */
let slowCalls = 0;

function slow(inner: Embedder): Embedder {
  return { ...inner, embed: async (texts, signal) => {
    if (slowMs > 0) {
      slowCalls++;
      await new Promise((r) => setTimeout(r, slowMs));
    }
    signal?.throwIfAborted();
    return inner.embed(texts, signal);
  } };
}

beforeAll(async () => {
  db = await startAuditDb();
  dataDir = tempDir();
  engine = engineFor(db.terminus, dataDir, { embedder: slow(lexicalEmbedder(64)) });
  await engine.open();
  handler = createEmbeddingSubgraph({ engine, terminus: db.terminus, identityKey: KEY, maxQueryChars: 500 });
});
afterAll(async () => {
  await engine.close();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function headers(sub = 'alice', scopes: string[] = []): Record<string, string> {
  return { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity({ sub, scopes }, KEY) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are asserted, not typed
async function gql(query: string, variables: Record<string, unknown> = {}, sub = 'alice'): Promise<{ status: number; body: any }> {
  const res = await handler(new Request('http://embedding/graphql', { method: 'POST', headers: headers(sub), body: JSON.stringify({ query, variables }) }));
  return { status: res.status, body: await res.json() };
}

const SEARCH = 'query($text: String!, $types: [String!], $k: Int, $branch: String) { semanticSearch(text: $text, types: $types, k: $k, branch: $branch) { score id type entity { __typename ... on Dataset { id } } } }';

describe('embedding subgraph', () => {
  it('refuses calls without a router-signed identity', async () => {
    const res = await handler(new Request('http://embedding/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ embeddingStatus { model } }' }) }));
    expect(res.status).toBe(403);
    const reembed = await handler(new Request('http://embedding/reembed', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    expect(reembed.status).toBe(403);
  });

  it('answers semanticSearch with scored hits and federated entity references', async () => {
    const { body } = await gql(SEARCH, { text: 'fx rates raw card authorisations', k: 5 });
    expect(body.errors).toBeUndefined();
    const hits = body.data.semanticSearch;
    expect(hits).toHaveLength(5);
    expect(hits[0]).toMatchObject({ id: 'Dataset/acme_logistics.payments_raw.fx_rates', type: 'Dataset', entity: { __typename: 'Dataset', id: 'Dataset/acme_logistics.payments_raw.fx_rates' } });
    expect(hits[0].score).toBeGreaterThan(hits[4].score);
    const notes = (await gql(SEARCH, { text: 'fx rates', types: ['Note'], k: 3 })).body.data.semanticSearch;
    expect(notes.every((h: { type: string }) => h.type === 'Note')).toBe(true);
  });

  it('leaves out hits the caller may not read (Incident needs a signed-in caller)', async () => {
    const signedIn = (await gql(SEARCH, { text: 'outage incident root cause', types: ['Incident'], k: 3 })).body.data.semanticSearch;
    expect(signedIn).toHaveLength(3);
    const anonymous = (await gql(SEARCH, { text: 'outage incident root cause', types: ['Incident'], k: 3 }, 'anonymous')).body.data.semanticSearch;
    expect(anonymous).toEqual([]);
    const all = (await gql(SEARCH, { text: 'outage incident root cause', k: 100 }, 'anonymous')).body.data.semanticSearch;
    expect(all.some((h: { type: string }) => h.type === 'Incident')).toBe(false);
  });

  it('rejects bad input with BAD_USER_INPUT', async () => {
    const cases: Record<string, unknown>[] = [
      { text: '   ' },
      { text: 'x'.repeat(501) },
      { text: 'ok', k: 0 },
      { text: 'ok', k: 101 },
      { text: 'ok', types: ['Person'] },
      { text: 'ok', types: ['Nope'] },
      { text: 'ok', types: [] },
      { text: 'ok', branch: 'feature/elsewhere' },
    ];
    for (const variables of cases) {
      const { body } = await gql(SEARCH, variables);
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      expect(body.data?.semanticSearch ?? null).toBeNull();
    }
  });

  it('resolves similar on an entity (excluding itself)', async () => {
    const { body } = await gql('query($r: [_Any!]!) { _entities(representations: $r) { ... on Dataset { similar(k: 3) { id type score } } } }', {
      r: [{ __typename: 'Dataset', id: 'Dataset/acme_logistics.payments_raw.fx_rates' }],
    });
    expect(body.errors).toBeUndefined();
    const similar = body.data._entities[0].similar;
    expect(similar).toHaveLength(3);
    expect(similar.some((h: { id: string }) => h.id === 'Dataset/acme_logistics.payments_raw.fx_rates')).toBe(false);
    const bad = await gql('query($r: [_Any!]!) { _entities(representations: $r) { ... on Dataset { similar(k: 1000) { id } } } }', { r: [{ __typename: 'Dataset', id: 'Dataset/x' }] });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('reports embeddingStatus', async () => {
    const { body } = await gql('{ embeddingStatus { provider model dimensions documentsIndexed commitsBehind lastError { message } branches { branch documentsIndexed commitsBehind index commit } } }');
    expect(body.data.embeddingStatus).toMatchObject({ provider: 'lexical', model: 'lexical-ngram-v1-64', dimensions: 64, documentsIndexed: 282, commitsBehind: 0, lastError: null });
    expect(body.data.embeddingStatus.branches[0]).toMatchObject({ branch: 'main', index: 'exact', documentsIndexed: 282, commit: await db.head() });
    const metrics = await (await handler(new Request('http://embedding/metrics'))).text();
    expect(metrics).toMatch(/embedding_documents_indexed\{branch="main",index="exact",service="embedding"\} 282/);
    expect(metrics).toMatch(/embedding_documents_embedded_total\{service="embedding"\} 282/);
  });

  it('streams a re-embedding as NDJSON progress and result; bad bodies get 400', async () => {
    // A team written straight to the database (no event reaches this engine): the run picks it up.
    const team = [...demoSeed()].find((d) => d['@type'] === 'Team') as Record<string, unknown>;
    await db.client().addDocument({ ...team, '@id': 'Team/stream-team', slug: 'stream-team', name: 'Stream team', mission: 'Streams re-embeddings' }, {}, db.db, '[test] team');
    const res = await handler(new Request('http://embedding/reembed', { method: 'POST', headers: headers('scheduler', ['read']), body: JSON.stringify({ branch: 'main', types: ['Team'], force: true }) }));
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ result: { embedded: 13, removed: 0 } });
    expect(lines.some((l) => (l['progress'] as { done?: number } | undefined)?.done === 13)).toBe(true);
    expect((await serviceLog(db.terminus))[0]).toMatchObject({ author: 'scheduler@embedding', message: expect.stringContaining('[embedding] re-embed main') });
    const unscoped = await handler(new Request('http://embedding/reembed', { method: 'POST', headers: headers('mallory', ['pii:read']), body: JSON.stringify({ branch: 'main', force: true }) }));
    expect(unscoped.status).toBe(403);
    expect(await unscoped.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN', reason: 'MISSING_SCOPE' } }] });
    for (const body of ['{"branch":"nope"}', '{"types":["Person"]}', '{"force":"yes"}', '[]', 'not json']) {
      const bad = await handler(new Request('http://embedding/reembed', { method: 'POST', headers: headers('alice', ['read']), body }));
      expect(bad.status, body).toBe(400);
    }
  });

  it('cancels a re-embedding when the client goes away', async () => {
    const before = (await serviceLog(db.terminus)).length;
    slowMs = 100;
    try {
      const res = await handler(new Request('http://embedding/reembed', { method: 'POST', headers: headers('scheduler', ['read']), body: JSON.stringify({ branch: 'main', force: true }) }));
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(JSON.parse(first.split('\n')[0] as string)).toMatchObject({ progress: { done: 0, total: 283 } });
      await reader.cancel();
      // Queued behind the cancelled run: it starts only once that one has stopped.
      await engine.reembed({ branch: 'main', types: ['Team'] });
    } finally {
      slowMs = 0;
    }
    const log = await serviceLog(db.terminus);
    expect(log.length).toBe(before);
    expect((await engine.reembed({ branch: 'main' })).embedded).toBe(0);
  });

  it('cancels a re-embedding when the HTTP connection closes (served by lib serve)', async () => {
    const served = await serve(handler, { port: 0, drainMs: 100 });
    const before = (await serviceLog(db.terminus)).length;
    slowMs = 100;
    slowCalls = 0;
    try {
      const body = JSON.stringify({ branch: 'main', force: true });
      await new Promise<void>((resolve, reject) => {
        const req = request(`${served.url}/reembed`, { method: 'POST', headers: { ...headers('scheduler'), 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
        req.end(body);
      });
      // Queued behind the cancelled run (its 283 documents need 5 provider calls): starts once that one has stopped.
      await engine.reembed({ branch: 'main', types: ['Team'] });
    } finally {
      slowMs = 0;
      await served.close();
    }
    expect((await serviceLog(db.terminus)).length).toBe(before);
    expect(slowCalls).toBeLessThan(5);
  });
});
