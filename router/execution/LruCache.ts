/** Counts what a cache sees (wired to metrics by the router). */
export type CacheObserver = (result: 'hit' | 'miss') => void;

/**
 * A bounded least-recently-used map (insertion order of a `Map` is the recency order: a hit moves
 * the entry to the end, an insert past `max` drops the first).
 */
export class LruCache<K, V> {
  readonly #map = new Map<K, V>();

  constructor(
    readonly max: number,
    readonly observe?: CacheObserver,
  ) {}

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value === undefined) {
      this.observe?.('miss');
      return undefined;
    }
    this.#map.delete(key);
    this.#map.set(key, value);
    this.observe?.('hit');
    return value;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.max) {
      const oldest = this.#map.keys().next();
      if (oldest.done !== true) this.#map.delete(oldest.value);
    }
  }

  clear(): void {
    this.#map.clear();
  }
}
