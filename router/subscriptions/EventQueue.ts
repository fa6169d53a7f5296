/**
 * A push-fed async iterator: `push` values, `end` it; `return()` ends it at once even while a
 * `next()` is pending (graphql-ws calls it on `complete` and on socket close).
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  readonly #values: T[] = [];
  #waiting: ((r: IteratorResult<T>) => void) | undefined;
  #done = false;
  #onEnd: (() => void) | undefined;

  constructor(onEnd?: () => void) {
    this.#onEnd = onEnd;
  }

  get ended(): boolean {
    return this.#done;
  }

  push(value: T): void {
    if (this.#done) return;
    const w = this.#waiting;
    if (w !== undefined) {
      this.#waiting = undefined;
      w({ value, done: false });
    } else this.#values.push(value);
  }

  /** Ends the stream after the queued values. */
  end(): void {
    if (this.#done) return;
    this.#done = true;
    const onEnd = this.#onEnd;
    this.#onEnd = undefined;
    onEnd?.();
    const w = this.#waiting;
    this.#waiting = undefined;
    w?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    const v = this.#values.shift();
    if (v !== undefined) return Promise.resolve({ value: v, done: false });
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.#values.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(err?: unknown): Promise<IteratorResult<T>> {
    this.return().catch(() => undefined);
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
