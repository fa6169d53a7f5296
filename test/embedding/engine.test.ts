import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeed } from '../../ontology/index.js';
import { branchDir, lexicalEmbedder, manifestPlan } from '../../subgraphs/embedding/index.js';
import { startAuditDb, type AuditHarness } from '../audit/harness.js';
import { commitEvent, engineFor, serviceLog, serviceRecords, tempDir } from './harness.js';

/** Embeddable documents of the demo seed with non-empty text (Team, Project, Dataset, Pipeline, Transform, Model, Dashboard, Incident, Note). */
const SEEDED = 282;

let db: AuditHarness;
const dirs: string[] = [];
beforeAll(async () => {
  db = await startAuditDb();
});
afterAll(async () => {
  await db.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}

async function writeDataset(name: string, description: string): Promise<string> {
  const c = db.client();
  const seedDataset = [...demoSeed()].find((d) => d['@type'] === 'Dataset') as Record<string, unknown>;
  const path = `acme_logistics.test.${name}`;
  await c.updateDocument({ ...seedDataset, '@id': `Dataset/${path}`, path, name, description }, { create: true }, db.db, `[test] dataset ${name}`);
  return db.head();
}

describe('EmbeddingEngine (kernel, lexical embedder)', () => {
  const dataDir = tempDir();
  dirs.push(dataDir);

  it('embeds a branch it has never seen, writing records to svc-embedding as system@embedding', async () => {
    const engine = engineFor(db.terminus, dataDir);
    await engine.open();
    expect(engine.index('main').size).toBe(SEEDED);
    const records = await serviceRecords(db.terminus);
    expect(records).toHaveLength(SEEDED);
    expect(records[0]).toMatchObject({ branch: 'main', model: 'lexical-ngram-v1-64', dimensions: 64 });
    const log = await serviceLog(db.terminus);
    expect(log.every((e) => e.author === 'system@embedding' && e.message.startsWith('[embedding] '))).toBe(true);
    const status = await engine.status();
    expect(status.branches[0]).toMatchObject({ branch: 'main', documentsIndexed: SEEDED, commitsBehind: 0, index: 'exact' });
    await engine.close();
  });

  it('follows commit events: insert, update, delete; a redelivered event writes nothing', async () => {
    const engine = engineFor(db.terminus, dataDir);
    await engine.open();
    const commit = await writeDataset('zebra_sightings', 'Zebra sightings counted by park rangers every morning');
    await engine.handleEvent(commitEvent(db.db, commit, [{ id: 'Dataset/acme_logistics.test.zebra_sightings', type: 'Dataset', op: 'inserted' }]));
    const vector = await engine.embedQuery('zebra sightings park rangers');
    expect(engine.search('main', vector, 1)[0]).toMatchObject({ id: 'Dataset/acme_logistics.test.zebra_sightings', type: 'Dataset' });
    const before = (await serviceLog(db.terminus)).length;
    await engine.handleEvent(commitEvent(db.db, commit, [{ id: 'Dataset/acme_logistics.test.zebra_sightings', type: 'Dataset', op: 'inserted' }]));
    expect((await serviceLog(db.terminus)).length).toBe(before);

    const updated = await writeDataset('zebra_sightings', 'Giraffe feeding times at the zoo');
    await engine.handleEvent(commitEvent(db.db, updated, [{ id: 'Dataset/acme_logistics.test.zebra_sightings', type: 'Dataset', op: 'updated' }]));
    const log = await serviceLog(db.terminus);
    expect(log).toHaveLength(before + 1);
    expect(log[0]?.message).toContain(`commit ${updated} on main`);
    expect(engine.search('main', await engine.embedQuery('giraffe feeding zoo'), 1)[0]?.id).toBe('Dataset/acme_logistics.test.zebra_sightings');

    const deleted = await db.deleteDoc('Dataset/acme_logistics.test.zebra_sightings');
    await engine.handleEvent(commitEvent(db.db, deleted, [{ id: 'Dataset/acme_logistics.test.zebra_sightings', type: 'Dataset', op: 'deleted' }]));
    expect(engine.index('main').entry('Dataset/acme_logistics.test.zebra_sightings')).toBeUndefined();
    expect((await serviceRecords(db.terminus)).some((r) => r['document'] === 'Dataset/acme_logistics.test.zebra_sightings')).toBe(false);
    expect(engine.index('main').size).toBe(SEEDED);
    await engine.close();
  });

  it('reloads the index on restart and catches up on commits made while it was down', async () => {
    const engine = engineFor(db.terminus, dataDir);
    await engine.open();
    await engine.close();
    await writeDataset('okapi_census', 'Okapi census in the rainforest');
    const restarted = engineFor(db.terminus, dataDir);
    await restarted.open();
    expect(restarted.index('main').size).toBe(SEEDED + 1);
    expect(restarted.search('main', await restarted.embedQuery('okapi census rainforest'), 1)[0]?.id).toBe('Dataset/acme_logistics.test.okapi_census');
    expect((await restarted.status()).branches[0]?.commitsBehind).toBe(0);
    await restarted.close();
  });

  it('repairs a lost index file from the records', async () => {
    writeFileSync(join(branchDir(dataDir, 'main'), 'meta.json'), '{ broken');
    const engine = engineFor(db.terminus, dataDir);
    await engine.open();
    expect(engine.index('main').size).toBe(SEEDED + 1);
    await engine.close();
  });

  it('re-embeds everything when the model changes, and a forced re-embed redoes every document', async () => {
    const engine = engineFor(db.terminus, dataDir, { embedder: lexicalEmbedder(32) });
    await engine.open();
    expect([...engine.index('main').entries()].every((e) => e.model === 'lexical-ngram-v1-32')).toBe(true);
    expect((await serviceRecords(db.terminus)).every((r) => r['model'] === 'lexical-ngram-v1-32' && r['dimensions'] === 32)).toBe(true);
    const progress: number[] = [];
    const forced = await engine.reembed({ branch: 'main', force: true, types: ['Team'], onProgress: (p) => progress.push(p.done) });
    expect(forced).toMatchObject({ embedded: 12, removed: 0 });
    expect(progress.at(-1)).toBe(12);
    const again = await engine.reembed({ branch: 'main' });
    expect(again).toMatchObject({ embedded: 0, removed: 0, skipped: SEEDED + 1, commit: null });
    await engine.close();
  });

  it('cancels a re-embed when its signal aborts', async () => {
    const engine = engineFor(db.terminus, dir());
    await engine.open({ repair: false });
    const abort = new AbortController();
    abort.abort(new Error('client went away'));
    await expect(engine.reembed({ branch: 'main', force: true, signal: abort.signal })).rejects.toThrow('client went away');
    await engine.close();
  });

  it('plans from the ontology: every concrete class with embed fields', () => {
    const plan = manifestPlan();
    expect([...plan.classes.keys()].sort()).toEqual(['Dashboard', 'Dataset', 'Incident', 'Model', 'Note', 'Pipeline', 'Project', 'Team', 'Transform']);
    expect(plan.classes.get('Model')?.fields).toEqual(['description', 'name', 'task']);
  });
});
