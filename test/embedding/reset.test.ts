/**
 * History rewrites reach the index: the relay publishes a `reset` event (diff old head → new head) and
 * the engine drops what the reset removed (a diff-based resync), through the real relay and bus.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, MemoryEventBus, type Subscription } from '../../lib/index.js';
import { demoSeed } from '../../ontology/index.js';
import { CommitRelay } from '../../subgraphs/audit/index.js';
import { startConsumer, type EmbeddingEngine } from '../../subgraphs/embedding/index.js';
import { startAuditDb, type AuditHarness } from '../audit/harness.js';
import { commitEvent, engineFor, tempDir } from './harness.js';

let db: AuditHarness;
let bus: MemoryEventBus;
let relay: CommitRelay;
let engine: EmbeddingEngine;
let consumer: Subscription;
const dataDir = tempDir();

beforeAll(async () => {
  db = await startAuditDb();
  bus = new MemoryEventBus();
  relay = new CommitRelay({ terminus: db.terminus, bus, pollMs: 30 });
  await relay.runOnce();
  relay.start();
  engine = engineFor(db.terminus, dataDir);
  await engine.open();
  consumer = await startConsumer(engine, bus, { db: db.db, logger: createLogger('embedding-test'), retryDelayMs: 20 });
});

afterAll(async () => {
  await consumer.close();
  await relay.stop();
  await engine.close();
  await bus.close();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until(probe: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await probe())) await new Promise((r) => setTimeout(r, 20));
}

async function addNote(body: string): Promise<string> {
  const note = [...demoSeed()].find((d) => d['@type'] === 'Note') as Record<string, unknown>;
  const [iri] = (await db.client().addDocument({ ...note, '@id': undefined, body }, {}, db.db, '[test] note')) as string[];
  return String(iri).replace('terminusdb:///data/', '');
}

describe('reset and truncated events', () => {
  it('drops documents a reset took out of the branch', async () => {
    const kept = await addNote('Walrus haul-out counts on the northern beach');
    await until(() => engine.index('main').entry(kept) !== undefined);
    const before = await db.head();
    const dropped = await addNote('Narwhal tusk measurements from the fjord survey');
    await until(() => engine.index('main').entry(dropped) !== undefined);
    const s = db.terminus.settings;
    await db.client().sendCustomRequest('POST', `${s.url}/api/reset/${s.organization}/${s.db}/local/branch/main`, { commit_descriptor: `${s.organization}/${s.db}/local/commit/${before}` });
    await until(async () => engine.index('main').entry(dropped) === undefined && (await engine.status()).branches[0]?.commit === before);
    expect(engine.index('main').entry(kept)).toBeDefined();
  });

  it('resyncs the whole branch when an event lists only part of its changes', async () => {
    // Written while nothing runs in between: no event for it yet when the truncated one comes.
    await consumer.close();
    const id = await addNote('Pelican feeding log for the harbour colony');
    expect(engine.index('main').entry(id)).toBeUndefined();
    await engine.handleEvent({ ...commitEvent(db.db, await db.head(), []), truncated: true, changeCount: 600 });
    expect(engine.index('main').entry(id)).toBeDefined();
  });
});
