import { saveIndex } from '../vectors/indexFiles.js';
import type { VectorIndex } from '../vectors/VectorIndex.js';

/**
 * Writes a branch's index to disk some time after it changed: `delayMs` after the first change, and
 * at least 20× the last save's duration apart, so a big index spends at most ~5 % of the time saving.
 * Vectors not saved when the process dies are re-embedded from the records at the next start.
 */
export class IndexSaver {
  readonly #dir: string;
  readonly #index: VectorIndex;
  readonly #delayMs: number;
  readonly #onError: (err: unknown) => void;
  #timer: NodeJS.Timeout | undefined;
  #dirty = false;
  #lastSaveMs = 0;
  #closed = false;

  constructor(dir: string, index: VectorIndex, options: { delayMs: number; onError: (err: unknown) => void }) {
    this.#dir = dir;
    this.#index = index;
    this.#delayMs = options.delayMs;
    this.#onError = options.onError;
  }

  /** The index changed: schedule a save. */
  markDirty(): void {
    this.#dirty = true;
    if (this.#timer !== undefined || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#save().catch((err: unknown) => {
        this.#dirty = true;
        this.#onError(err);
      });
    }, Math.max(this.#delayMs, this.#lastSaveMs * 20));
    this.#timer.unref();
  }

  /** Saves now when there are unsaved changes; no more scheduled saves after `close`. */
  async flush(options: { close?: boolean } = {}): Promise<void> {
    if (options.close === true) this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#save();
  }

  async #save(): Promise<void> {
    if (!this.#dirty) return;
    this.#dirty = false;
    const started = performance.now();
    await saveIndex(this.#dir, this.#index);
    this.#lastSaveMs = performance.now() - started;
  }
}
