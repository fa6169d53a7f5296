/**
 * Store micro-benchmarks: `npx tsx bench/store/run.ts` (add `--expose-gc` through
 * `NODE_OPTIONS=--expose-gc` for stable memory numbers).
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../kernel/index.js';

type Snapshot = ReturnType<Store['snapshot']>;
type DatabaseRecord = ReturnType<Store['createDatabase']>;
type DocChange = Parameters<Store['commit']>[2]['changes'][number];
type JsonObject = Snapshot['context'];

const CONTEXT: JsonObject = { '@type': '@context', '@base': 'terminusdb:///data/', '@schema': 'terminusdb:///schema#' };
const USER = 'terminusdb://system/data/User/admin';
const rows: [string, string][] = [];
const report = (what: string, value: string): void => {
  rows.push([what, value]);
  console.log(`${what.padEnd(52)} ${value}`);
};

/** A realistic person document: scalars, a subdocument, links. */
function person(i: number, version = 0): DocChange {
  const id = `Person/${(i * 2654435761 % 4294967296).toString(16).padStart(8, '0')}-${i}`;
  const friends = [1, 2, 3].map((k) => `Person/${(((i + k * 7) % 100000) * 2654435761 % 4294967296).toString(16).padStart(8, '0')}-${(i + k * 7) % 100000}`);
  const doc: JsonObject = {
    '@id': id,
    '@type': 'Person',
    address: { '@id': `${id}/address/Address/${i}`, '@type': 'Address', city: `City ${i % 97}`, postcode: `${10000 + (i % 89999)}`, street: `${i % 300} Main Street` },
    age: 20 + (i % 60),
    email: `person${i}@example.com`,
    friends,
    joined: `2024-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`,
    name: `Person number ${i}`,
    version,
  };
  return { graph: 'instance', id, doc, type: 'Person', links: friends.map((target) => ({ prop: 'friends', target })) };
}

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};
const fileSize = (p: string): number => (existsSync(p) ? statSync(p).size : 0);

function newDb(store: Store, name: string): DatabaseRecord {
  return store.createDatabase({ org: 'bench', name, label: name, comment: '', public: false, schemaless: true, context: CONTEXT });
}

function commit(store: Store, db: DatabaseRecord, changes: readonly DocChange[], branch = 'main'): string {
  return store.commit(db, branch, { author: 'bench', message: 'm', user: USER, changes }).commit.id;
}

const dir = mkdtempSync(join(tmpdir(), 'store-bench-'));
try {
  // 1. disk: 10,000 realistic documents
  {
    const path = join(dir, 'disk.sqlite');
    const store = openStore({ path });
    const db = newDb(store, 'disk');
    const docs = Array.from({ length: 10_000 }, (_, i) => person(i));
    const jsonBytes = docs.reduce((n, c) => n + Buffer.byteLength(JSON.stringify(c.doc)), 0);
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < 10; k++) commit(store, db, docs.slice(k * 1000, k * 1000 + 1000));
    report('insert 10,000 docs (10 commits of 1,000)', `${ms(t0).toFixed(0)} ms`);
    report('disk bytes per JSON byte (db+wal, open)', ((fileSize(path) + fileSize(`${path}-wal`)) / jsonBytes).toFixed(2));
    (store as unknown as { close(): void }).close();
    report('disk bytes per JSON byte (after close)', ((fileSize(path) + fileSize(`${path}-wal`)) / jsonBytes).toFixed(2));
    report('  JSON bytes of the 10,000 docs', `${(jsonBytes / 1e6).toFixed(2)} MB`);
  }

  // 2. single-change commits on disk, then reads at head vs 1,000 commits back
  {
    const path = join(dir, 'commits.sqlite');
    const store = openStore({ path });
    const db = newDb(store, 'commits');
    for (let k = 0; k < 10; k++) commit(store, db, Array.from({ length: 1000 }, (_, i) => person(k * 1000 + i)));
    const n = 5000;
    const lat: number[] = [];
    const ids: string[] = [];
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      ids.push(commit(store, db, [person((i * 7919) % 10_000, i + 1)]));
      lat.push(ms(t));
    }
    const total = ms(t0);
    lat.sort((a, b) => a - b);
    report('1-change commits/s (10k-doc db, on disk)', `${Math.round((n / total) * 1000)}/s`);
    report('  commit latency p50 / p99', `${(lat[n >> 1] ?? 0).toFixed(3)} / ${(lat[Math.floor(n * 0.99)] ?? 0).toFixed(3)} ms`);

    const probe = Array.from({ length: 100_000 }, (_, i) => person((i * 104729) % 10_000).id);
    const readAll = (commitId: string): number => {
      const s = store.snapshot(db, commitId);
      const t = process.hrtime.bigint();
      let hits = 0;
      for (const id of probe) if (s.getDoc('instance', id) !== undefined) hits++;
      if (hits !== probe.length) throw new Error('missing docs');
      return (ms(t) * 1000) / probe.length;
    };
    const headId = ids[ids.length - 1] ?? '';
    const oldId = ids[ids.length - 1001] ?? '';
    readAll(headId);
    const tFirst = process.hrtime.bigint();
    store.snapshot(db, oldId);
    report('first snapshot 1,000 commits back (replay)', `${ms(tFirst).toFixed(1)} ms`);
    readAll(oldId);
    report('getDoc at head (µs/read, 100k reads)', readAll(headId).toFixed(3));
    report('getDoc 1,000 commits back (µs/read)', readAll(oldId).toFixed(3));
    const tl = process.hrtime.bigint();
    const listed = [...store.snapshot(db, headId).ids('instance')].length;
    report(`list all ids in order (${listed})`, `${ms(tl).toFixed(1)} ms`);
    report('heap after 10k docs + 5,000 commits', `${heapMb().toFixed(0)} MB`);
    (store as unknown as { close(): void }).close();
    const tOpen = process.hrtime.bigint();
    const again = openStore({ path });
    const dbAgain = again.getDatabase('bench', 'commits');
    if (dbAgain === undefined) throw new Error('lost');
    again.snapshot(dbAgain, again.branches(dbAgain).get('main') ?? '');
    report('reopen + head snapshot (5,010 commits)', `${ms(tOpen).toFixed(0)} ms`);
    (again as unknown as { close(): void }).close();
  }

  // 3. branch creation on 100,000 documents
  {
    const base = heapMb();
    const store = openStore({ path: join(dir, 'big.sqlite') });
    const db = newDb(store, 'big');
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < 20; k++) commit(store, db, Array.from({ length: 5000 }, (_, i) => person(k * 5000 + i)));
    report('insert 100,000 docs (20 commits of 5,000)', `${ms(t0).toFixed(0)} ms`);
    const head = store.branches(db).get('main') ?? '';
    const times: number[] = [];
    for (let b = 0; b < 21; b++) {
      const tb = process.hrtime.bigint();
      store.createBranch(db, `b${b}`, { commit: head });
      times.push(ms(tb));
    }
    times.sort((a, b) => a - b);
    report('create branch on 100,000 docs (median / max of 21)', `${(times[10] ?? 0).toFixed(3)} / ${(times[20] ?? 0).toFixed(3)} ms`);
    store.createBranch(db, 'dev', { commit: head });
    report('heap for 100,000 docs (all indexes)', `${(heapMb() - base).toFixed(0)} MB`);
    const tc = process.hrtime.bigint();
    commit(store, db, [person(5, 99)], 'dev');
    report('first commit on the branch', `${ms(tc).toFixed(3)} ms`);
    const stats = (store as unknown as { stats(): { pinned: number; checkpoints: number; recent: number } }).stats();
    report('  materialised snapshots (pinned/checkpoints/recent)', `${stats.pinned} / ${stats.checkpoints} / ${stats.recent}`);
    (store as unknown as { close(): void }).close();
  }

  // 4. memory retained per 1-change commit, by retention policy (20k docs, 3,000 random updates)
  for (const [label, checkpointEvery, checkpoints] of [['all commits', 1, 1e9], ['checkpoint/256, keep 8 (default)', 256, 8], ['heads + LRU only', 1e9, 0]] as const) {
    const store = openStore({ checkpointEvery, checkpoints });
    const db = newDb(store, 'mem');
    for (let k = 0; k < 4; k++) commit(store, db, Array.from({ length: 5000 }, (_, i) => person(k * 5000 + i)));
    for (let i = 0; i < 3000; i++) commit(store, db, [person((i * 7919) % 20_000, 1)]);
    const before = heapMb();
    for (let i = 0; i < 3000; i++) commit(store, db, [person((i * 7919 + 13) % 20_000, 2)]);
    report(`heap per 1-change commit: ${label}`, `${(((heapMb() - before) * 1e6) / 3000 / 1e3).toFixed(2)} KB`);
    (store as unknown as { close(): void }).close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
