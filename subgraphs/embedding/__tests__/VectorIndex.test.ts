import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalize } from '../providers/Embedder.js';
import { loadIndex, saveIndex } from '../vectors/indexFiles.js';
import { TopK } from '../vectors/topK.js';
import { VectorIndex } from '../vectors/VectorIndex.js';

/** A seeded pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomVectors(n: number, d: number, seed: number): Float32Array[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => normalize(Array.from({ length: d }, () => r() * 2 - 1)));
}

const entry = (i: number, type = i % 3 === 0 ? 'Note' : 'Dataset') => ({ id: `${type}/${i}`, type, hash: `h${i}`, model: 'm', commit: 'c' });

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('VectorIndex', () => {
  it('finds the exact nearest neighbours below the threshold, best first, with filters', () => {
    const vs = randomVectors(300, 16, 1);
    const index = new VectorIndex(16, { hnswThreshold: 10_000 });
    vs.forEach((v, i) => index.upsert(entry(i), v));
    expect(index.kind).toBe('exact');
    const hits = index.search(vs[7] as Float32Array, 5);
    expect(hits[0]).toMatchObject({ id: 'Dataset/7' });
    expect(hits[0]?.score).toBeCloseTo(1, 5);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    const notes = index.search(vs[7] as Float32Array, 5, { types: new Set(['Note']), exclude: 'Note/9' });
    expect(notes).toHaveLength(5);
    expect(notes.every((h) => h.type === 'Note' && h.id !== 'Note/9')).toBe(true);
  });

  it('replaces and removes vectors, reusing slots', () => {
    const [a, b] = randomVectors(2, 8, 2) as [Float32Array, Float32Array];
    const index = new VectorIndex(8);
    index.upsert(entry(1), a);
    index.upsert(entry(2), a);
    index.upsert({ ...entry(1), hash: 'new' }, b);
    expect(index.size).toBe(2);
    expect(index.entry('Dataset/1')?.hash).toBe('new');
    expect(index.search(b, 1)[0]?.id).toBe('Dataset/1');
    expect(index.remove('Dataset/1')).toBe(true);
    expect(index.remove('Dataset/1')).toBe(false);
    expect(index.search(b, 5).map((h) => h.id)).toEqual(['Dataset/2']);
  });

  it('switches to HNSW at the threshold with high recall against brute force, also after updates', () => {
    const vs = randomVectors(3_000, 32, 3);
    const index = new VectorIndex(32, { hnswThreshold: 1_000 });
    vs.forEach((v, i) => index.upsert(entry(i), v));
    expect(index.kind).toBe('hnsw');
    for (let i = 0; i < 100; i++) index.upsert({ ...entry(i), hash: 'x' }, vs[(i + 1) % vs.length] as Float32Array);
    let found = 0;
    const queries = randomVectors(50, 32, 4);
    for (const q of queries) {
      const truth = new Set(index.exactSearch(q, 10).map((h) => h.id));
      found += index.search(q, 10).filter((h) => truth.has(h.id)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.9);
    const notes = index.search(queries[0] as Float32Array, 10, { types: new Set(['Note']) });
    expect(notes.every((h) => h.type === 'Note')).toBe(true);
    expect(notes).toHaveLength(10);
  });

  it('saves and reloads (exact and HNSW), the same answers after the reload', async () => {
    for (const threshold of [10_000, 100]) {
      const dir = mkdtempSync(join(tmpdir(), 'emb-index-'));
      dirs.push(dir);
      const vs = randomVectors(400, 16, 5);
      const index = new VectorIndex(16, { hnswThreshold: threshold });
      vs.forEach((v, i) => index.upsert(entry(i), v));
      index.remove('Dataset/2');
      await saveIndex(dir, index);
      const loaded = await loadIndex(dir, 16, { hnswThreshold: threshold });
      expect(loaded?.size).toBe(399);
      expect(loaded?.kind).toBe(index.kind);
      expect(loaded?.entry('Dataset/1')).toEqual(index.entry('Dataset/1'));
      expect(loaded?.search(vs[1] as Float32Array, 3).map((h) => h.id)).toEqual(index.search(vs[1] as Float32Array, 3).map((h) => h.id));
      expect(await loadIndex(dir, 32)).toBeUndefined();
    }
  });
});

describe('VectorIndex.upsertMany', () => {
  it('adds batches to the HNSW graph, replacing existing documents', () => {
    const vs = randomVectors(600, 16, 6);
    const index = new VectorIndex(16, { hnswThreshold: 100 });
    for (let i = 0; i < 600; i += 50) index.upsertMany(vs.slice(i, i + 50).map((_, j) => entry(i + j)), vs.slice(i, i + 50));
    expect(index.kind).toBe('hnsw');
    expect(index.size).toBe(600);
    index.upsertMany([{ ...entry(1), hash: 'x' }, { ...entry(2), hash: 'y' }], [vs[5] as Float32Array, vs[6] as Float32Array]);
    expect(index.size).toBe(600);
    expect(index.entry('Dataset/1')?.hash).toBe('x');
    expect(index.search(vs[5] as Float32Array, 2).map((h) => h.id).sort()).toEqual(['Dataset/1', 'Dataset/5']);
  });
});

describe('brute force (the oracle)', () => {
  /** Every live vector scored in plain JS and sorted: what exact search must return. */
  function naive(vs: Map<string, Float32Array>, q: Float32Array, k: number, keep: (id: string) => boolean): string[] {
    return [...vs]
      .filter(([id]) => keep(id))
      .map(([id, v]) => ({ id, score: v.reduce((s, x, i) => s + x * (q[i] as number), 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, k)
      .map((h) => h.id);
  }

  it('native exact search and the JS scan both equal a plain sort, with free slots, exclusions and filters', () => {
    const d = 24;
    const vs = randomVectors(900, d, 7);
    const index = new VectorIndex(d, { hnswThreshold: 100_000 });
    index.upsertMany(vs.map((_, i) => entry(i, i % 10 === 0 ? 'Note' : i % 10 < 5 ? 'Dataset' : 'Model')), vs);
    const live = new Map(vs.map((v, i) => [entry(i, i % 10 === 0 ? 'Note' : i % 10 < 5 ? 'Dataset' : 'Model').id, v]));
    // Free slots (zero vectors in the slab) must never surface, whatever their score.
    for (let i = 1; i < 900; i += 7) {
      const id = [...live.keys()][i] as string;
      index.remove(id);
      live.delete(id);
    }
    const type = (id: string): string => id.split('/')[0] as string;
    const queries = randomVectors(20, d, 8);
    // A query that is a view at an offset of a larger buffer (the native call must not misread it).
    const shared = new Float32Array(d * 3);
    shared.set(queries[0] as Float32Array, d);
    const cases: { types?: Set<string>; exclude?: string }[] = [{}, { exclude: [...live.keys()][3] as string }, { types: new Set(['Dataset', 'Model']) }, { types: new Set(['Note']) }];
    for (const filter of cases) {
      for (const [qi, q] of [...queries.entries(), [-1, shared.subarray(d, 2 * d)] as const]) {
        const expected = naive(live, q, 10, (id) => id !== filter.exclude && (filter.types === undefined || filter.types.has(type(id))));
        expect(index.exactSearch(q, 10, filter).map((h) => h.id), `native, query ${qi}`).toEqual(expected);
        expect(index.scanSearch(q, 10, filter).map((h) => h.id), `scan, query ${qi}`).toEqual(expected);
      }
    }
    const top = index.exactSearch(vs[0] as Float32Array, 3);
    expect(top[0]).toMatchObject({ id: 'Note/0' });
    expect(top[0]?.score).toBeCloseTo(1, 5);
    expect(index.exactSearch(vs[0] as Float32Array, 10, { types: new Set(['Team']) })).toEqual([]);
    expect(index.exactSearch(vs[0] as Float32Array, 2_000)).toHaveLength(live.size);
  });

  it('TopK keeps the k best, best first', () => {
    const r = rng(9);
    const scores = Array.from({ length: 500 }, () => r());
    for (const k of [1, 7, 64, 600]) {
      const top = new TopK(k);
      scores.forEach((s, i) => top.push(i, s));
      const expected = scores.map((score, slot) => ({ slot, score })).sort((a, b) => b.score - a.score).slice(0, k);
      expect(top.hits()).toEqual(expected);
    }
    const none = new TopK(0);
    none.push(1, 1);
    expect(none.hits()).toEqual([]);
  });
});

describe('VectorIndex batches', () => {
  it('builds the graph once when a batch crosses the threshold; a bad batch changes nothing', () => {
    const vs = randomVectors(400, 16, 10);
    const index = new VectorIndex(16, { hnswThreshold: 300 });
    index.upsertMany(vs.slice(0, 200).map((_, i) => entry(i)), vs.slice(0, 200));
    expect(index.kind).toBe('exact');
    index.upsertMany(vs.slice(200).map((_, i) => entry(200 + i)), vs.slice(200));
    expect(index.kind).toBe('hnsw');
    expect(index.search(vs[250] as Float32Array, 1)[0]?.id).toBe(entry(250).id);
    expect(() => index.upsertMany([entry(1000), entry(1001)], [vs[0] as Float32Array, new Float32Array(8)])).toThrow(/dimensions/);
    expect(() => index.upsertMany([entry(1000), entry(1000)], [vs[0] as Float32Array, vs[1] as Float32Array])).toThrow(/twice/);
    expect(index.size).toBe(400);
    expect(index.entry(entry(1000).id)).toBeUndefined();
  });
});
