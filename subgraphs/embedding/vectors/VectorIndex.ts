import { createRequire } from 'node:module';
import { dotAt, TopK } from './topK.js';

/** What the index knows of one embedded document (the vector aside). */
export interface IndexEntry {
  /** Document id (relative to @base). */
  readonly id: string;
  /** Class of the document. */
  readonly type: string;
  /** Content hash of the embedded text. */
  readonly hash: string;
  /** Model id of the vector. */
  readonly model: string;
  /** Commit the text was read at. */
  readonly commit: string;
}

/** A search hit. */
export interface VectorHit {
  readonly id: string;
  readonly type: string;
  readonly score: number;
}

/** Options of {@link VectorIndex}. */
export interface VectorIndexOptions {
  /** At or above this many vectors the index is HNSW (usearch); below, exact brute force (default 20 000). */
  readonly hnswThreshold?: number;
  /** HNSW graph degree (default 16). */
  readonly connectivity?: number;
  /** HNSW candidate list while adding (default 48: recall@10 0.99 at 100,000 clustered vectors on the benchmark; 32 fell to 0.94). */
  readonly expansionAdd?: number;
  /** HNSW candidate list while searching (default 64). */
  readonly expansionSearch?: number;
  /** Threads of a batched insert into the graph (0, the default: one per core). */
  readonly threads?: number;
}

/** usearch's Index, as much of it as is used here. */
interface Hnsw {
  add(keys: bigint | BigUint64Array, vectors: Float32Array, threads?: number): void;
  search(vector: Float32Array, k: number, threads: number): { keys: BigUint64Array; distances: Float32Array };
  remove(keys: bigint | BigUint64Array): number | number[];
  size(): number;
  save(path: string): void;
  load(path: string): void;
}

type HnswConstructor = new (config: { metric: string; connectivity: number; dimensions: number; expansion_add: number; expansion_search: number }) => Hnsw;

/** usearch's native brute force: the `count` rows of `dataset` nearest to the query (SIMD, one pass). */
type NativeExactSearch = (dataset: Float32Array, queries: Float32Array, dimensions: number, count: number, metric: string, threads: number) => { keys: BigUint64Array; distances: Float32Array };

interface Usearch {
  Index: HnswConstructor;
  exactSearch: NativeExactSearch;
}

let usearch: Usearch | undefined;
function native(): Usearch {
  usearch ??= createRequire(import.meta.url)('usearch') as Usearch;
  return usearch;
}

/**
 * The vectors of one branch: unit vectors in one growable `Float32Array` (slot per document), an
 * exact brute-force search below `hnswThreshold` vectors, and an HNSW graph (usearch, cosine) at or
 * above it, built from the slab in one multi-threaded batch when the threshold is crossed. Brute
 * force is usearch's native exact search over the slab (SIMD dot products), or a JS scan of only the
 * wanted vectors when a type filter keeps few of them. Type filters search more candidates from the
 * graph, or scan exactly when the wanted types are a small share of the index.
 */
export class VectorIndex {
  readonly dimensions: number;
  readonly #threshold: number;
  readonly #options: Required<VectorIndexOptions>;
  #vectors: Float32Array;
  readonly #slots: (IndexEntry | undefined)[] = [];
  readonly #free: number[] = [];
  readonly #byId = new Map<string, number>();
  readonly #typeCounts = new Map<string, number>();
  #hnsw: Hnsw | undefined;

  constructor(dimensions: number, options: VectorIndexOptions = {}) {
    this.dimensions = dimensions;
    this.#options = { hnswThreshold: 20_000, connectivity: 16, expansionAdd: 48, expansionSearch: 64, threads: 0, ...options };
    this.#threshold = this.#options.hnswThreshold;
    this.#vectors = new Float32Array(dimensions * 64);
  }

  /** Documents indexed. */
  get size(): number {
    return this.#byId.size;
  }

  /** `hnsw` when the graph is in use, else `exact`. */
  get kind(): 'exact' | 'hnsw' {
    return this.#hnsw === undefined ? 'exact' : 'hnsw';
  }

  entry(id: string): IndexEntry | undefined {
    const slot = this.#byId.get(id);
    return slot === undefined ? undefined : this.#slots[slot];
  }

  *entries(): IterableIterator<IndexEntry> {
    for (const e of this.#slots) if (e !== undefined) yield e;
  }

  /** A copy of the document's vector. */
  vector(id: string): Float32Array | undefined {
    const slot = this.#byId.get(id);
    return slot === undefined ? undefined : this.#vectors.slice(slot * this.dimensions, (slot + 1) * this.dimensions);
  }

  /** Adds or replaces a document's vector (unit length, `dimensions` long). */
  upsert(entry: IndexEntry, vector: Float32Array): void {
    this.upsertMany([entry], [vector]);
  }

  /**
   * Adds or replaces several documents at once: into the slab, then one batched, multi-threaded
   * insert into the HNSW graph (or one graph build when the batch crosses the threshold). A batch
   * with a vector of other dimensions or an id twice changes nothing.
   */
  upsertMany(entries: readonly IndexEntry[], vectors: readonly Float32Array[]): void {
    if (entries.length !== vectors.length) throw new Error(`${entries.length} entries but ${vectors.length} vectors`);
    if (entries.length === 0) return;
    const d = this.dimensions;
    const seen = new Set<string>();
    entries.forEach((entry, i) => {
      const length = (vectors[i] as Float32Array).length;
      if (length !== d) throw new Error(`vector of ${length} dimensions in an index of ${d}`);
      if (seen.has(entry.id)) throw new Error(`${entry.id} twice in one batch`);
      seen.add(entry.id);
    });
    const keys = new BigUint64Array(entries.length);
    const replaced: bigint[] = [];
    entries.forEach((entry, i) => {
      let slot = this.#byId.get(entry.id);
      if (slot === undefined) {
        slot = this.#free.pop() ?? this.#slots.length;
        if (slot === this.#slots.length) this.#slots.push(undefined);
        this.#ensureCapacity(slot + 1);
        this.#byId.set(entry.id, slot);
      } else {
        this.#count((this.#slots[slot] as IndexEntry).type, -1);
        replaced.push(BigInt(slot));
      }
      this.#slots[slot] = entry;
      this.#count(entry.type, 1);
      this.#vectors.set(vectors[i] as Float32Array, slot * d);
      keys[i] = BigInt(slot);
    });
    if (this.#hnsw === undefined) {
      if (this.size >= this.#threshold) this.#buildHnsw();
      return;
    }
    if (replaced.length > 0) this.#hnsw.remove(BigUint64Array.from(replaced));
    if (entries.length === 1) {
      // One vector: no thread pool for it.
      this.#hnsw.add(keys, vectors[0] as Float32Array, 1);
      return;
    }
    const batch = new Float32Array(entries.length * d);
    vectors.forEach((v, i) => batch.set(v, i * d));
    this.#hnsw.add(keys, batch, this.#options.threads);
  }

  /** Removes a document; false when it was not there. */
  remove(id: string): boolean {
    const slot = this.#byId.get(id);
    if (slot === undefined) return false;
    this.#count((this.#slots[slot] as IndexEntry).type, -1);
    this.#byId.delete(id);
    this.#slots[slot] = undefined;
    this.#free.push(slot);
    this.#vectors.fill(0, slot * this.dimensions, (slot + 1) * this.dimensions);
    this.#hnsw?.remove(BigInt(slot));
    // Back to exact well below the threshold (hysteresis: no flapping around it).
    if (this.#hnsw !== undefined && this.#byId.size < this.#threshold / 2) this.#hnsw = undefined;
    return true;
  }

  /**
   * The `k` documents closest to `query` (cosine similarity, best first), only of `types` when given,
   * never `exclude`. Exact below the threshold; HNSW above.
   */
  search(query: Float32Array, k: number, filter: { types?: ReadonlySet<string>; exclude?: string } = {}): VectorHit[] {
    if (this.#hnsw === undefined) return this.exactSearch(query, k, filter);
    if (k <= 0 || this.size === 0) return [];
    const wanted = this.#wanted(filter.types);
    // A selective filter: scanning the few wanted vectors is cheaper and exact.
    if (wanted <= Math.max(2_048, this.size / 20)) return this.exactSearch(query, k, filter);
    const need = k + (filter.exclude === undefined ? 0 : 1);
    let ask = Math.min(this.size, Math.ceil((need * this.size) / Math.max(1, wanted)) + 8);
    for (;;) {
      const found = this.#hnsw.search(query, ask, 1);
      const hits = this.#collect(found, k, filter);
      if (hits.length >= k || ask >= this.size) return hits;
      ask = Math.min(this.size, ask * 4);
    }
  }

  /**
   * Brute force over every vector: the oracle the HNSW search is measured against. usearch's native
   * exact search (inner product over the unit vectors of the slab, one thread), asked for enough
   * candidates to cover the free slots, the excluded document and the filtered-out types (growing
   * until `k` pass); a JS scan of only the wanted vectors when a type filter keeps under a quarter.
   */
  exactSearch(query: Float32Array, k: number, filter: { types?: ReadonlySet<string>; exclude?: string } = {}): VectorHit[] {
    if (query.length !== this.dimensions) throw new Error(`query of ${query.length} dimensions in an index of ${this.dimensions}`);
    if (k <= 0 || this.size === 0) return [];
    const wanted = this.#wanted(filter.types);
    if (wanted === 0) return [];
    const used = this.#slots.length;
    if (filter.types !== undefined && wanted * 4 < used) return this.scanSearch(query, k, filter);
    const d = this.dimensions;
    // The native call reads from the start of the buffers: the slab's own buffer (offset 0), the query copied unless it is one.
    const q = query.byteOffset === 0 ? query : query.slice();
    const data = this.#vectors.subarray(0, used * d);
    const need = k + (filter.exclude === undefined ? 0 : 1);
    let ask = Math.min(used, Math.ceil((need * this.size) / wanted) + this.#free.length);
    for (;;) {
      const found = native().exactSearch(data, q, d, ask, 'ip', 1);
      const hits = this.#collect(found, k, filter);
      if (hits.length >= k || ask >= used) return hits;
      ask = Math.min(used, ask * 4);
    }
  }

  /** Brute force in JS: a dot product per wanted vector, a partial top-k heap (the reference for the native scan). */
  scanSearch(query: Float32Array, k: number, filter: { types?: ReadonlySet<string>; exclude?: string } = {}): VectorHit[] {
    if (k <= 0) return [];
    const top = new TopK(k);
    const d = this.dimensions;
    const vectors = this.#vectors;
    for (let slot = 0; slot < this.#slots.length; slot++) {
      const e = this.#slots[slot];
      if (e === undefined || e.id === filter.exclude || (filter.types !== undefined && !filter.types.has(e.type))) continue;
      top.push(slot, dotAt(vectors, slot * d, query));
    }
    return top.hits().map(({ slot, score }) => {
      const e = this.#slots[slot] as IndexEntry;
      return { id: e.id, type: e.type, score };
    });
  }

  /** Documents per class. */
  typeCounts(): ReadonlyMap<string, number> {
    return this.#typeCounts;
  }

  /** The raw state for persistence: entries by slot and the slab (only the used slots). */
  snapshot(): { slots: (IndexEntry | undefined)[]; vectors: Float32Array; hnsw: Hnsw | undefined } {
    return { slots: this.#slots, vectors: this.#vectors.subarray(0, this.#slots.length * this.dimensions), hnsw: this.#hnsw };
  }

  /** Rebuilds an index from a snapshot; `hnswFile` is loaded when it matches, else the graph is rebuilt (one batch). */
  static restore(dimensions: number, slots: (IndexEntry | undefined)[], vectors: Float32Array, options: VectorIndexOptions & { hnswFile?: string } = {}): VectorIndex {
    const { hnswFile, ...indexOptions } = options;
    const index = new VectorIndex(dimensions, indexOptions);
    if (vectors.length !== slots.length * dimensions) throw new Error('vectors do not match the entries');
    index.#ensureCapacity(slots.length);
    index.#vectors.set(vectors);
    slots.forEach((e, slot) => {
      index.#slots.push(e);
      if (e === undefined) index.#free.push(slot);
      else {
        index.#byId.set(e.id, slot);
        index.#count(e.type, 1);
      }
    });
    index.#free.reverse();
    if (index.size >= index.#threshold) {
      if (hnswFile !== undefined) {
        try {
          const g = index.#newHnsw();
          g.load(hnswFile);
          if (g.size() === index.size) index.#hnsw = g;
        } catch {
          // unreadable: rebuilt below
        }
      }
      if (index.#hnsw === undefined) index.#buildHnsw();
    }
    return index;
  }

  /** Hits of a native answer (best first) that are live, not excluded and of the wanted types, at most `k`. */
  #collect(found: { keys: BigUint64Array; distances: Float32Array }, k: number, filter: { types?: ReadonlySet<string>; exclude?: string }): VectorHit[] {
    const hits: VectorHit[] = [];
    for (let i = 0; i < found.keys.length && hits.length < k; i++) {
      const e = this.#slots[Number(found.keys[i])];
      if (e === undefined || e.id === filter.exclude || (filter.types !== undefined && !filter.types.has(e.type))) continue;
      hits.push({ id: e.id, type: e.type, score: 1 - (found.distances[i] as number) });
    }
    return hits;
  }

  /** Documents of the wanted types (all when no filter). */
  #wanted(types: ReadonlySet<string> | undefined): number {
    return types === undefined ? this.size : [...types].reduce((n, t) => n + (this.#typeCounts.get(t) ?? 0), 0);
  }

  #newHnsw(): Hnsw {
    return new (native().Index)({ metric: 'cos', connectivity: this.#options.connectivity, dimensions: this.dimensions, expansion_add: this.#options.expansionAdd, expansion_search: this.#options.expansionSearch });
  }

  /** The graph over every live vector, in one multi-threaded batch (the slab itself when it has no free slot). */
  #buildHnsw(): void {
    const g = this.#newHnsw();
    const d = this.dimensions;
    const used = this.#slots.length;
    if (this.#free.length === 0) {
      const keys = new BigUint64Array(used);
      for (let slot = 0; slot < used; slot++) keys[slot] = BigInt(slot);
      if (used > 0) g.add(keys, this.#vectors.subarray(0, used * d), this.#options.threads);
    } else {
      const live = [...this.#byId.values()].sort((a, b) => a - b);
      const keys = new BigUint64Array(live.length);
      const batch = new Float32Array(live.length * d);
      live.forEach((slot, i) => {
        keys[i] = BigInt(slot);
        batch.set(this.#vectors.subarray(slot * d, (slot + 1) * d), i * d);
      });
      if (live.length > 0) g.add(keys, batch, this.#options.threads);
    }
    this.#hnsw = g;
  }

  #ensureCapacity(slots: number): void {
    const need = slots * this.dimensions;
    if (need <= this.#vectors.length) return;
    const next = new Float32Array(Math.max(need, this.#vectors.length * 2));
    next.set(this.#vectors);
    this.#vectors = next;
  }

  #count(type: string, delta: number): void {
    const n = (this.#typeCounts.get(type) ?? 0) + delta;
    if (n === 0) this.#typeCounts.delete(type);
    else this.#typeCounts.set(type, n);
  }
}
