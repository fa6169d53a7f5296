import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatabaseRecord, JsonObject } from '../../types.js';
import { openStore, type Store } from '../index.js';
import { CONTEXT, del, dump, put, storeWithDb, tempDir, USER, write } from './helpers.js';

/** Everything observable about a database, commit by commit. */
function dumpDb(store: Store, db: DatabaseRecord): JsonObject {
  const out: JsonObject = { branches: Object.fromEntries(store.branches(db)) };
  for (const headId of store.branches(db).values()) {
    for (const c of store.history(db, headId)) {
      out[c.id] = { record: { ...c }, snapshot: dump(store.snapshot(db, c.id)) };
    }
  }
  return out;
}

function scenario(store: Store, db: DatabaseRecord): void {
  const c1 = write(store, db, [put('P/a', { n: 1 }, [{ prop: 'f', target: 'P/b' }]), put('P/b'), { graph: 'schema', id: 'P', doc: { '@id': 'P', '@type': 'Class' } }]);
  write(store, db, [put('P/c'), del('P/b')]);
  store.createBranch(db, 'dev', { commit: c1 });
  write(store, db, [put('Q/1', { s: 'é"\\' })], 'dev');
  store.createBranch(db, 'empty', { context: { ...CONTEXT, '@base': 'http://e/' } });
  store.commit(db, 'main', { author: 'x', message: 'ctx', user: USER, changes: [], context: { ...CONTEXT, extra: 1 } });
  store.commit(db, 'main', { author: 'x', message: 'nuke', user: USER, changes: [put('P/d')], clearGraphs: ['instance'] });
  const sq = store.squash(db, c1, { author: 's', message: 'sq', user: USER });
  store.resetBranch(db, 'dev', sq.id);
}

describe('Store durability', () => {
  it('reopens from disk with identical state', () => {
    using dir = tempDir();
    const path = join(dir.path, 'store.sqlite');
    let before: JsonObject;
    let dbs: readonly DatabaseRecord[];
    {
      using store = openStore({ path });
      const db = store.createDatabase({ org: 'o', name: 'd', label: 'L', comment: 'C', public: true, schemaless: false, context: CONTEXT });
      scenario(store, db);
      store.updateDatabase(db, { label: 'L2' });
      dbs = store.listDatabases();
      before = dumpDb(store, db);
    }
    using store = openStore({ path });
    expect(store.listDatabases()).toEqual(dbs);
    const db = store.getDatabase('o', 'd');
    expect(db?.label).toBe('L2');
    if (db === undefined) return;
    expect(dumpDb(store, db)).toEqual(before);
    write(store, db, [put('P/e')]);
  });

  it('rebuilds evicted snapshots from the log identically', () => {
    const { store, db } = storeWithDb({ checkpointEvery: 5, checkpoints: 2, cacheSize: 1 });
    const seen = new Map<string, JsonObject>();
    for (let i = 0; i < 40; i++) {
      const id = write(store, db, [put(`T/${i % 7}`, { i }, [{ prop: 'p', target: `T/${(i + 1) % 7}` }]), ...(i % 5 === 0 ? [del(`T/${(i + 3) % 7}`)] : [])]);
      seen.set(id, dump(store.snapshot(db, id)));
    }
    for (const [id, d] of [...seen].reverse()) expect(dump(store.snapshot(db, id))).toEqual(d);
  });

  it('deletes a database entirely, and the name can be used again', () => {
    using dir = tempDir();
    const path = join(dir.path, 'store.sqlite');
    {
      using store = openStore({ path });
      const db = store.createDatabase({ org: 'o', name: 'd', label: '', comment: '', public: false, schemaless: false, context: CONTEXT });
      scenario(store, db);
      store.deleteDatabase(db);
      expect(store.getDatabase('o', 'd')).toBeUndefined();
      expect(() => store.branches(db)).toThrow();
      const again = store.createDatabase({ org: 'o', name: 'd', label: '', comment: '', public: false, schemaless: false, context: CONTEXT });
      expect(again.id).not.toBe(db.id);
      expect(again.creationDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    using store = openStore({ path });
    const db = store.getDatabase('o', 'd');
    expect(db).toBeDefined();
    if (db === undefined) return;
    expect(store.branches(db).size).toBe(1);
    const count = (sql: string): number => (store as unknown as { log: { sql: { prepare(s: string): { pluck(): { get(): number } } } } }).log.sql.prepare(sql).pluck().get();
    expect(count('SELECT count(*) FROM changes')).toBe(0);
    expect(count('SELECT count(*) FROM commits')).toBe(1);
  });

  it('keeps every acknowledged commit, and no partial one, after kill -9', async () => {
    using dir = tempDir();
    const path = join(dir.path, 'crash.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crashChild.ts'), path], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        acked.push(...lines);
        if (acked.length >= 300 && child.exitCode === null) child.kill('SIGKILL');
      });
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(300);

    using store = openStore({ path });
    const db = store.getDatabase('admin', 'crash');
    if (db === undefined) throw new Error('database lost');
    const headId = store.branches(db).get('main') ?? '';
    const history = [...store.history(db, headId)];
    const ids = new Set(history.map((c) => c.id));
    for (const id of acked) expect(ids.has(id)).toBe(true);
    for (const c of history) {
      const s = store.snapshot(db, c.id);
      const i = Number(c.message);
      for (const t of ['A', 'B', 'C']) expect(s.getDoc('instance', `${t}/x`)?.['i']).toBe(i);
      expect(s.count('instance')).toBe(3 + i + 1);
    }
    write(store, db, [put('Z/after')]);
  }, 60_000);
});
