/** Hit/miss counts of a cache (exported to /metrics). */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Misses that joined a load already in flight for the same key (no extra TerminusDB request). */
  coalesced: number;
  evictions: number;
}

/** Limits of an {@link LruCache}. */
export interface LruLimits {
  /** Most entries kept (0 disables the cache). */
  readonly maxEntries: number;
  /** Most bytes kept, as the sizes given to `set` add up (0 disables the cache). */
  readonly maxBytes: number;
}

interface Entry<V> {
  readonly value: V;
  readonly size: number;
}

/**
 * A least-recently-used map bounded by entries and bytes (sizes are given by the caller, e.g. the
 * length of the JSON text a value was parsed from). A Map keeps insertion order; a hit re-inserts.
 */
export class LruCache<V> {
  readonly stats: CacheStats = { hits: 0, misses: 0, coalesced: 0, evictions: 0 };
  readonly #map = new Map<string, Entry<V>>();
  readonly #loading = new Map<string, Promise<V>>();
  #bytes = 0;

  constructor(readonly limits: LruLimits) {}

  get enabled(): boolean {
    return this.limits.maxEntries > 0 && this.limits.maxBytes > 0;
  }

  get size(): number {
    return this.#map.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The value under `key` (counted as a hit or a miss), made most recently used. */
  get(key: string): V | undefined {
    const e = this.#map.get(key);
    if (e === undefined) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.#map.delete(key);
    this.#map.set(key, e);
    return e.value;
  }

  /** Stores a value of `size` bytes; values larger than an eighth of the byte budget are not kept. */
  set(key: string, value: V, size: number): void {
    if (!this.enabled || size > this.limits.maxBytes / 8) return;
    const old = this.#map.get(key);
    if (old !== undefined) {
      this.#map.delete(key);
      this.#bytes -= old.size;
    }
    this.#map.set(key, { value, size });
    this.#bytes += size;
    while (this.#map.size > this.limits.maxEntries || this.#bytes > this.limits.maxBytes) {
      const oldest = this.#map.keys().next();
      if (oldest.done === true) break;
      const e = this.#map.get(oldest.value) as Entry<V>;
      this.#map.delete(oldest.value);
      this.#bytes -= e.size;
      this.stats.evictions++;
    }
  }

  delete(key: string): void {
    const e = this.#map.get(key);
    if (e === undefined) return;
    this.#map.delete(key);
    this.#bytes -= e.size;
  }

  clear(): void {
    this.#map.clear();
    this.#bytes = 0;
  }

  /**
   * The cached value, or the result of `load` (one load per key at a time: concurrent misses share
   * it). `load` says what to keep: a size, or undefined to keep nothing (e.g. an answer with errors).
   */
  async getOrLoad(key: string, load: () => Promise<{ value: V; size: number | undefined }>): Promise<V> {
    if (!this.enabled) return (await load()).value;
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const pending = this.#loading.get(key);
    if (pending !== undefined) {
      // Counted as a miss by get() above; re-classified as coalesced.
      this.stats.misses--;
      this.stats.coalesced++;
      return pending;
    }
    const p = load().then(
      ({ value, size }) => {
        this.#loading.delete(key);
        if (size !== undefined) this.set(key, value, size);
        return value;
      },
      (err: unknown) => {
        this.#loading.delete(key);
        throw err;
      },
    );
    this.#loading.set(key, p);
    return p;
  }
}
