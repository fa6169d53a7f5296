import { SqliteStore } from './SqliteStore.js';
import type { Store } from './Store.js';

export { HeadMovedError } from './Store.js';
export type { CreateDatabaseInput, DatabaseUpdate, Snapshot, Store } from './Store.js';

/** Options of `openStore`. */
export interface StoreOptions {
  /** SQLite file path; undefined keeps everything in memory (tests). */
  readonly path?: string | undefined;
  /**
   * `normal` (default): WAL with `synchronous=NORMAL`: an acknowledged commit survives a process
   * crash (`kill -9`), the last ones may be lost on power failure. `full`: fsync on every commit.
   */
  readonly sync?: 'normal' | 'full' | undefined;
  /**
   * Commits at a history depth multiple of this are checkpoints (default 256): reading an old
   * commit replays at most this many deltas once its checkpoint is materialised.
   */
  readonly checkpointEvery?: number | undefined;
  /** Checkpoint snapshots kept per database, least recently used out (default 8). */
  readonly checkpoints?: number | undefined;
  /** Other non-head snapshots kept per database, least recently used out (default 16). */
  readonly cacheSize?: number | undefined;
}

/** Opens (or creates) the store, rebuilding its in-memory state from the SQLite log. */
export function openStore(options: StoreOptions = {}): Store {
  return new SqliteStore(options.path, options.sync ?? 'normal', {
    checkpointEvery: options.checkpointEvery ?? 256,
    checkpoints: options.checkpoints ?? 8,
    cacheSize: options.cacheSize ?? 16,
  });
}
