/**
 * Shares identical in-flight calls: while a call for a key is running, callers with the same key get
 * its promise instead of starting another. The entry goes as soon as the call settles.
 */
export class InflightDedup<T> {
  readonly #inflight = new Map<string, Promise<T>>();

  /** Runs `fn`, or joins the running call for `key`; `shared` tells whether it joined. */
  run(key: string, fn: () => Promise<T>): { promise: Promise<T>; shared: boolean } {
    const running = this.#inflight.get(key);
    if (running !== undefined) return { promise: running, shared: true };
    const promise = fn().finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, promise);
    return { promise, shared: false };
  }

  get size(): number {
    return this.#inflight.size;
  }
}
