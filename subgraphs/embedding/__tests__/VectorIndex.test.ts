import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalize } from '../providers/Embedder.js';
import { loadIndex, saveIndex } from '../vectors/indexFiles.js';
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
