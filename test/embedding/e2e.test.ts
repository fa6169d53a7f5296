/**
 * The whole path with real pieces: nats-server (JetStream), an in-process kernel with the demo seed,
 * the audit relay publishing commits, the core and embedding subgraphs, and the router. A note
 * created through the router becomes searchable through the router, with its core fields.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, createLogger, serve, type EventBus, type Served, type Subscription } from '../../lib/index.js';
import { SDL_PATH } from '../../ontology/index.js';
import { composeSupergraph, createRouter, mintDevToken, type Router } from '../../router/index.js';
import { AUDIT_SDL, CommitRelay, createAuditSubgraph } from '../../subgraphs/audit/index.js';
import { createCoreSubgraph } from '../../subgraphs/core/index.js';
import { createEmbeddingSubgraph, EMBEDDING_SDL, startConsumer, type EmbeddingEngine } from '../../subgraphs/embedding/index.js';
import { startAuditDb, type AuditHarness } from '../audit/harness.js';
import { startNatsServer, type NatsServer } from '../events/natsServer.js';
import { engineFor, tempDir } from './harness.js';

const SECRET = randomBytes(24).toString('hex');
const IDENTITY_KEY = randomBytes(24).toString('hex');

let nats: NatsServer;
let db: AuditHarness;
let relayBus: EventBus;
let relay: CommitRelay;
let core: Served;
let audit: Served;
let embeddingServed: Served;
let router: Router;
let routerServed: Served;
let token: string;
const dataDir = tempDir();

interface EmbeddingProcess {
  engine: EmbeddingEngine;
  bus: EventBus;
  consumer: Subscription;
}
let embedding: EmbeddingProcess;
let embeddingHandler: (request: Request) => Promise<Response>;

/** An embedding "process": engine opened (repair included), its own bus connection and durable consumer. */
async function startEmbedding(): Promise<EmbeddingProcess> {
  const engine = engineFor(db.terminus, dataDir);
  await engine.open();
  const bus = await createEventBus({ kind: 'nats', url: nats.url });
  const consumer = await startConsumer(engine, bus, { db: db.db, logger: createLogger('embedding-test'), retryDelayMs: 50 });
  embeddingHandler = createEmbeddingSubgraph({ engine, terminus: db.terminus, identityKey: IDENTITY_KEY });
  return { engine, bus, consumer };
}

async function stopEmbedding(p: EmbeddingProcess): Promise<void> {
  await p.consumer.close();
  await p.engine.close();
  await p.bus.close();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are asserted, not typed
async function query(q: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${routerServed.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: q, variables }) });
  return res.json();
}

const SEARCH = 'query($text: String!) { semanticSearch(text: $text, types: ["Note"], k: 3) { score id entity { __typename ... on Note { body pinned } } } }';

async function searchUntil(text: string, id: string): Promise<{ score: number; id: string; entity: { body: string } }[]> {
  for (;;) {
    const answer = await query(SEARCH, { text });
    const hits = answer.data?.semanticSearch ?? [];
    if (hits[0]?.id === id) return hits;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function createNote(body: string): Promise<string> {
  const answer = await query('mutation($input: NoteInput!) { createNote(input: $input) { id commitId } }', {
    input: { asset: 'Dataset/acme_logistics.payments_raw.fx_rates', author: 'Person/beatriz.yilmaz', body, createdAt: '2025-01-01T00:00:00Z', pinned: false },
  });
  expect(answer.errors).toBeUndefined();
  return answer.data.createNote.id as string;
}

beforeAll(async () => {
  nats = await startNatsServer();
  db = await startAuditDb();
  relayBus = await createEventBus({ kind: 'nats', url: nats.url });
  relay = new CommitRelay({ terminus: db.terminus, bus: relayBus, pollMs: 50 });
  await relay.runOnce();
  relay.start();
  embedding = await startEmbedding();
  core = await serve(createCoreSubgraph({ terminus: db.terminus, identityKey: IDENTITY_KEY, headTtlMs: 0, afterWrite: () => relay.nudge() }), { port: 0, drainMs: 200 });
  audit = await serve(createAuditSubgraph({ terminus: db.terminus, identityKey: IDENTITY_KEY, bus: relayBus, relay }), { port: 0, drainMs: 200 });
  // The router reaches whichever engine is current.
  embeddingServed = await serve((request) => embeddingHandler(request), { port: 0, drainMs: 200 });
  const composed = composeSupergraph([
    { name: 'core', url: `${core.url}/graphql`, sdl: readFileSync(SDL_PATH, 'utf8') },
    { name: 'audit', url: `${audit.url}/graphql`, sdl: AUDIT_SDL },
    { name: 'embedding', url: `${embeddingServed.url}/graphql`, sdl: EMBEDDING_SDL },
  ]);
  if (!composed.ok) throw new Error(composed.problems.map((p) => p.message).join('\n'));
  router = await createRouter(
    { supergraph: { sdl: composed.supergraphSdl, watchIntervalMs: 0, pollSubgraphsMs: 0 }, auth: { secret: SECRET, clockToleranceSec: 0 }, identityKey: IDENTITY_KEY, checkSubgraphsReady: false },
    {},
  );
  routerServed = await serve(router.handler, { port: 0, drainMs: 200 });
  token = await mintDevToken({ secret: SECRET, sub: 'alice', scopes: ['read', 'write'] });
}, 120_000);

afterAll(async () => {
  await router?.close();
  await routerServed?.close();
  await stopEmbedding(embedding).catch(() => undefined);
  await relay?.stop();
  await Promise.all([core?.close(), audit?.close(), embeddingServed?.close()]);
  await relayBus?.close();
  await db?.close();
  await nats?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedding end to end (router, core, relay, NATS, embedding)', () => {
  it('makes a note created through the router searchable, with its core fields', async () => {
    const id = await createNote('Quarterly tapir migration counts along the river delta');
    const hits = await searchUntil('tapir migration river delta', id);
    expect(hits[0]?.entity).toEqual({ __typename: 'Note', body: 'Quarterly tapir migration counts along the river delta', pinned: false });
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? -1);
  });

  it('serves similar on a core entity through the router', async () => {
    const answer = await query('{ dataset(id: "Dataset/acme_logistics.payments_raw.fx_rates") { name similar(k: 2, types: ["Dataset"]) { id score entity { ... on Dataset { name path } } } } }');
    expect(answer.errors).toBeUndefined();
    const similar = answer.data.dataset.similar;
    expect(similar).toHaveLength(2);
    // The other organisation's dataset of the same name and description is the closest.
    expect(similar[0].entity).toMatchObject({ name: 'Fx rates (raw)', path: 'northwind_trading.payments_raw.fx_rates' });
    expect(similar.some((h: { id: string }) => h.id === 'Dataset/acme_logistics.payments_raw.fx_rates')).toBe(false);
  });

  it('catches up after a restart: a note written while the service was down becomes searchable', async () => {
    await stopEmbedding(embedding);
    const id = await createNote('Okapi feeding schedule for the rainforest enclosure');
    embedding = await startEmbedding();
    await searchUntil('okapi feeding rainforest enclosure', id);
    const status = await query('{ embeddingStatus { documentsIndexed commitsBehind lastError { message } branches { branch index } } }');
    expect(status.data.embeddingStatus).toMatchObject({ documentsIndexed: 284, lastError: null, branches: [{ branch: 'main', index: 'exact' }] });
  });

  it('answers bad input through the router with BAD_USER_INPUT', async () => {
    const answer = await query('{ semanticSearch(text: "x", k: 0) { id } }');
    expect(answer.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
