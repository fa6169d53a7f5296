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
  /** HNSW candidate list while adding (default 64). */
  readonly expansionAdd?: number;
  /** HNSW candidate list while searching (default 64). */
  readonly expansionSearch?: number;
}

/** usearch's Index, as much of it as is used here. */
interface Hnsw {
  add(keys: bigint | BigUint64Array, vectors: Float32Array): void;
  search(vector: Float32Array, k: number, threads: number): { keys: BigUint64Array; distances: Float32Array };
  remove(keys: bigint): number;
  size(): number;
  save(path: string): void;
  load(path: string): void;
}

type HnswConstructor = new (config: { metric: string; connectivity: number; dimensions: number; expansion_add: number; expansion_search: number }) => Hnsw;

let hnswConstructor: HnswConstructor | undefined;
function HnswIndex(): HnswConstructor {
  hnswConstructor ??= (createRequire(import.meta.url)('usearch') as { Index: HnswConstructor }).Index;
  return hnswConstructor;
}

/**
 * The vectors of one branch: unit vectors in one growable `Float32Array` (slot per document), an
 * exact brute-force search below `hnswThreshold` vectors, and an HNSW graph (usearch, cosine) at or
 * above it, built from the slab when the threshold is crossed. Type filters search more candidates
 * from the graph, or scan exactly when the wanted types are a small share of the index.
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
    this.#options = { hnswThreshold: 20_000, connectivity: 16, expansionAdd: 64, expansionSearch: 64, ...options };
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
    if (vector.length !== this.dimensions) throw new Error(`vector of ${vector.length} dimensions in an index of ${this.dimensions}`);
    let slot = this.#byId.get(entry.id);
    if (slot === undefined) {
      slot = this.#free.pop() ?? this.#slots.length;
      if (slot === this.#slots.length) this.#slots.push(undefined);
      this.#ensureCapacity(slot + 1);
      this.#byId.set(entry.id, slot);
    } else {
      this.#count((this.#slots[slot] as IndexEntry).type, -1);
      this.#hnsw?.remove(BigInt(slot));
    }
    this.#slots[slot] = entry;
    this.#count(entry.type, 1);
    this.#vectors.set(vector, slot * this.dimensions);
    if (this.#hnsw !== undefined) this.#hnsw.add(BigInt(slot), vector);
    else if (this.#byId.size >= this.#threshold) this.#buildHnsw();
  }

  /**
   * Adds or replaces several documents at once: one batched insert into the HNSW graph (usearch
   * spreads it over its threads), else the same as {@link upsert} one by one.
   */
  upsertMany(entries: readonly IndexEntry[], vectors: readonly Float32Array[]): void {
    if (this.#hnsw === undefined || entries.length < 2) {
      entries.forEach((e, i) => this.upsert(e, vectors[i] as Float32Array));
      return;
    }
    const d = this.dimensions;
    const keys = new BigUint64Array(entries.length);
    const batch = new Float32Array(entries.length * d);
    const seen = new Set<string>();
    entries.forEach((entry, i) => {
      const vector = vectors[i] as Float32Array;
      if (vector.length !== d) throw new Error(`vector of ${vector.length} dimensions in an index of ${d}`);
      if (seen.has(entry.id)) throw new Error(`${entry.id} twice in one batch`);
      seen.add(entry.id);
      let slot = this.#byId.get(entry.id);
      if (slot === undefined) {
        slot = this.#free.pop() ?? this.#slots.length;
        if (slot === this.#slots.length) this.#slots.push(undefined);
        this.#ensureCapacity(slot + 1);
        this.#byId.set(entry.id, slot);
      } else {
        this.#count((this.#slots[slot] as IndexEntry).type, -1);
        this.#hnsw?.remove(BigInt(slot));
      }
      this.#slots[slot] = entry;
      this.#count(entry.type, 1);
      this.#vectors.set(vector, slot * d);
      keys[i] = BigInt(slot);
      batch.set(vector, i * d);
    });
    this.#hnsw.add(keys, batch);
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
    const wanted = filter.types === undefined ? this.size : [...filter.types].reduce((n, t) => n + (this.#typeCounts.get(t) ?? 0), 0);
    // A selective filter: scanning the few wanted vectors is cheaper and exact.
    if (wanted <= Math.max(2_048, this.size / 20)) return this.exactSearch(query, k, filter);
    const need = k + (filter.exclude === undefined ? 0 : 1);
    let ask = Math.min(this.size, Math.ceil((need * this.size) / Math.max(1, wanted)) + 8);
    for (;;) {
      const found = this.#hnsw.search(query, ask, 0);
      const hits: VectorHit[] = [];
      for (let i = 0; i < found.keys.length && hits.length < k; i++) {
        const e = this.#slots[Number(found.keys[i])];
        if (e === undefined || e.id === filter.exclude || (filter.types !== undefined && !filter.types.has(e.type))) continue;
        hits.push({ id: e.id, type: e.type, score: 1 - (found.distances[i] as number) });
      }
      if (hits.length >= k || ask >= this.size) return hits;
      ask = Math.min(this.size, ask * 4);
    }
  }

  /** Brute force over every vector: the oracle the HNSW search is measured against. */
  exactSearch(query: Float32Array, k: number, filter: { types?: ReadonlySet<string>; exclude?: string } = {}): VectorHit[] {
    const top = new TopK(k);
    const d = this.dimensions;
    for (let slot = 0; slot < this.#slots.length; slot++) {
      const e = this.#slots[slot];
      if (e === undefined || e.id === filter.exclude || (filter.types !== undefined && !filter.types.has(e.type))) continue;
      top.push(slot, dotAt(this.#vectors, slot * d, query));
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

  /** Rebuilds an index from a snapshot; `hnswFile` is loaded when it matches, else the graph is rebuilt. */
  static restore(dimensions: number, slots: (IndexEntry | undefined)[], vectors: Float32Array, options: VectorIndexOptions & { hnswFile?: string } = {}): VectorIndex {
    const index = new VectorIndex(dimensions, options);
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
      if (options.hnswFile !== undefined) {
        try {
          const g = index.#newHnsw();
          g.load(options.hnswFile);
          if (g.size() === index.size) index.#hnsw = g;
        } catch {
          // unreadable: rebuilt below
        }
      }
      if (index.#hnsw === undefined) index.#buildHnsw();
    }
    return index;
  }

  #newHnsw(): Hnsw {
    const Index = HnswIndex();
    return new Index({ metric: 'cos', connectivity: this.#options.connectivity, dimensions: this.dimensions, expansion_add: this.#options.expansionAdd, expansion_search: this.#options.expansionSearch });
  }

  #buildHnsw(): void {
    const g = this.#newHnsw();
    const live = [...this.#byId.values()].sort((a, b) => a - b);
    const keys = new BigUint64Array(live.length);
    const d = this.dimensions;
    const batch = new Float32Array(live.length * d);
    live.forEach((slot, i) => {
      keys[i] = BigInt(slot);
      batch.set(this.#vectors.subarray(slot * d, (slot + 1) * d), i * d);
    });
    if (live.length > 0) g.add(keys, batch);
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
