/** The ANN part of the embedding benchmark: clustered vectors, build, memory, latency, recall against brute force. */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadIndex, normalize, saveIndex, VectorIndex } from '../../subgraphs/embedding/index.js';
import { ms, percentile } from '../support/table.js';

/** A seeded pseudo-random generator (mulberry32) and a normal sample from it. */
function rng(seed: number): { uniform: () => number; normal: () => number } {
  let a = seed;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/** `n` unit vectors around `clusters` random centres (noise of about 0.8 of the centre's length). */
export function clusteredVectors(n: number, dims: number, clusters: number, seed: number): { vectors: Float32Array[]; sample: () => Float32Array } {
  const r = rng(seed);
  const centres = Array.from({ length: clusters }, () => normalize(Array.from({ length: dims }, r.normal)));
  const noise = 0.8 / Math.sqrt(dims);
  const sample = (): Float32Array => {
    const c = centres[Math.floor(r.uniform() * clusters)] as Float32Array;
    return normalize(Array.from(c, (x) => x + noise * r.normal()));
  };
  return { vectors: Array.from({ length: n }, sample), sample };
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Builds the index over `n` vectors in batches of 64 (as the engine adds what one provider call embedded) and measures it. */
export async function indexBench(n: number, queries: number, dims = 512): Promise<[string, string, string?][]> {
  const threshold = 20_000;
  const { vectors, sample } = clusteredVectors(n, dims, Math.max(10, Math.round(n / 100)), 42);
  const qs = Array.from({ length: queries }, sample);
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const index = new VectorIndex(dims, { hnswThreshold: threshold });
  const entry = (i: number) => ({ id: `Dataset/${i}`, type: i % 4 === 0 ? 'Note' : 'Dataset', hash: 'h', model: 'bench', commit: 'c' });
  // In chunks of 64, as the engine adds what one provider call embedded; the chunk that reaches the
  // threshold builds the graph over everything so far in one multi-threaded batch.
  let crossingMs = 0;
  let crossed = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i += 64) {
    const before = index.kind;
    const a = performance.now();
    index.upsertMany(vectors.slice(i, i + 64).map((_, j) => entry(i + j)), vectors.slice(i, i + 64));
    if (before === 'exact' && index.kind === 'hnsw') {
      crossingMs = performance.now() - a;
      crossed = index.size;
    }
  }
  const buildMs = performance.now() - t0;
  global.gc?.();
  const rss1 = process.memoryUsage().rss;
  const afterMs = buildMs - crossingMs;

  const latencies: number[] = [];
  let found = 0;
  const exactLatencies: number[] = [];
  for (const q of qs) {
    const a = performance.now();
    const hits = index.search(q, 10);
    latencies.push(performance.now() - a);
    const b = performance.now();
    const truth = new Set(index.exactSearch(q, 10).map((h) => h.id));
    exactLatencies.push(performance.now() - b);
    found += hits.filter((h) => truth.has(h.id)).length;
  }
  const recall = found / (qs.length * 10);
  const filtered: number[] = [];
  for (const q of qs.slice(0, 200)) {
    const a = performance.now();
    index.search(q, 10, { types: new Set(['Note']) });
    filtered.push(performance.now() - a);
  }
  // The JS scan (the native scan's reference) over everything, and both at the threshold's size.
  const scan = (ix: VectorIndex, m: number): number[] =>
    qs.slice(0, m).map((q) => {
      const a = performance.now();
      ix.scanSearch(q, 10);
      return performance.now() - a;
    });
  const native = (ix: VectorIndex, m: number): number[] =>
    qs.slice(0, m).map((q) => {
      const a = performance.now();
      ix.exactSearch(q, 10);
      return performance.now() - a;
    });
  const scanAll = scan(index, 50);
  const small = new VectorIndex(dims, { hnswThreshold: Infinity });
  const m = Math.min(n, threshold);
  small.upsertMany(vectors.slice(0, m).map((_, i) => entry(i)), vectors.slice(0, m));
  const nativeSmall = native(small, 200);
  const scanSmall = scan(small, 200);

  const dir = mkdtempSync(join(tmpdir(), 'embedding-bench-'));
  const s0 = performance.now();
  await saveIndex(dir, index);
  const saveMs = performance.now() - s0;
  const l0 = performance.now();
  const loaded = await loadIndex(dir, dims, { hnswThreshold: threshold });
  const loadMs = performance.now() - l0;
  const bytes = ['vectors.f32', 'hnsw.usearch', 'meta.json'].reduce((sum, f) => sum + (existsSync(join(dir, f)) ? statSync(join(dir, f)).size : 0), 0);
  rmSync(dir, { recursive: true, force: true });
  const rate = (count: number, t: number): string => `${Math.round(count / (t / 1000)).toLocaleString('en')} vectors/s`;
  const p = (xs: number[]): string => `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 95))}`;

  return [
    ['vectors (clustered, unit length)', `${n.toLocaleString('en')} × ${dims} (${Math.round(n / 100)} clusters)`],
    ['index kind', `${index.kind} (usearch, cos, connectivity 16, expansion add/search 48/64)`],
    ['build (batches of 64, as the engine adds)', `${(buildMs / 1000).toFixed(1)} s (${rate(n, buildMs)})`],
    [`  graph built at the threshold (${crossed.toLocaleString('en')} in one batch)`, `${(crossingMs / 1000).toFixed(1)} s (${rate(crossed, crossingMs)})`],
    ['  the rest (slab below the threshold, then batches of 64 into the graph)', `${(afterMs / 1000).toFixed(1)} s (${rate(n - crossed, afterMs)})`],
    ['RSS growth after build', mib(rss1 - rss0), 'slab + HNSW graph'],
    [`HNSW query k=10 p50 / p95 (${queries} queries)`, p(latencies), 'p95 ≤ 5 ms'],
    ['recall@10 vs brute force', recall.toFixed(3), '≥ 0.95'],
    [`brute force k=10, native (usearch exactSearch), ${n.toLocaleString('en')}`, p(exactLatencies)],
    [`brute force k=10, JS scan, ${n.toLocaleString('en')} (50 queries)`, p(scanAll)],
    [`brute force k=10 at ${m.toLocaleString('en')}: native / JS scan, p50 (p95)`, `${ms(percentile(nativeSmall, 50))} (${ms(percentile(nativeSmall, 95))}) / ${ms(percentile(scanSmall, 50))} (${ms(percentile(scanSmall, 95))})`],
    ['HNSW k=10 filtered to 1 type in 4, p50 / p95', p(filtered)],
    ['save / load (files)', `${ms(saveMs)} / ${ms(loadMs)} (${mib(bytes)}), reloaded ${loaded?.kind} ${loaded?.size}`],
  ];
}
