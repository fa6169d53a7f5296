import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type KernelProcess, spawnKernelProcess } from './kernelProcess.js';

const SCHEMA = { '@type': 'Class', '@id': 'Item', '@key': { '@type': 'Lexical', '@fields': ['n'] }, n: 'xsd:integer' };
const real = (process.env['TERMINUSDB_URL'] ?? '') !== '';

describe.skipIf(real)('Kernel process durability', () => {
  const dirs: string[] = [];
  const running: KernelProcess[] = [];
  const fresh = async (dir?: string): Promise<{ k: KernelProcess; dir: string }> => {
    const d = dir ?? mkdtempSync(join(tmpdir(), 'kernel-durable-'));
    if (dir === undefined) dirs.push(d);
    const k = await spawnKernelProcess(d);
    running.push(k);
    return { k, dir: d };
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((k) => k.stop()));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps every acknowledged commit after kill -9 and loses nothing of a write in flight', async () => {
    const { k, dir } = await fresh();
    const admin = k.client();
    await admin.createDatabase('durable', { label: 'durable', schema: true });
    const c = k.client('durable');
    await c.addDocument(SCHEMA, { graph_type: 'schema' }, 'durable', 'schema');
    const acknowledged: number[] = [];
    // Writes keep coming while the process is killed: the last one may or may not land, whole.
    const writer = (async () => {
      for (let n = 0; ; n++) {
        try {
          await c.addDocument({ '@type': 'Item', n }, {}, 'durable', `item ${n}`);
          acknowledged.push(n);
        } catch {
          return;
        }
      }
    })();
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 5));
    await k.kill9();
    await writer;

    const { k: again } = await fresh(dir);
    const items = (await again.client('durable').getDocument({ type: 'Item', as_list: true }, 'durable')) as { n: number }[];
    const stored = new Set(items.map((d) => d.n));
    for (const n of acknowledged) expect(stored.has(n)).toBe(true);
    expect(stored.size - acknowledged.length).toBeLessThanOrEqual(1);
    const log = (await again.client('durable').getCommitsLog(0, -1)) as { message: string }[];
    // one commit per stored item, plus the schema commit: no partial or duplicate commit
    expect(log.length).toBe(stored.size + 1);
  });

  it('serialises concurrent writers into one linear history', async () => {
    const { k } = await fresh();
    await k.client().createDatabase('linear', { label: 'linear', schema: true });
    await k.client('linear').addDocument(SCHEMA, { graph_type: 'schema' }, 'linear', 'schema');
    await Promise.all(
      Array.from({ length: 25 }, (_, n) => k.client('linear').addDocument({ '@type': 'Item', n }, {}, 'linear', `item ${n}`)),
    );
    const log = (await k.client('linear').getCommitsLog(0, -1)) as { identifier: string; parent?: string }[];
    expect(log).toHaveLength(26);
    for (let i = 0; i < log.length - 1; i++) {
      expect(log[i]?.parent).toBe(`ValidCommit/${log[i + 1]?.identifier}`);
    }
  });
});
