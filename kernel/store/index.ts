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
  /** Commits at a history depth multiple of this stay materialised (default 1024). */
  readonly checkpointEvery?: number | undefined;
  /** Snapshots of non-head commits kept per database, least recently used first out (default 16). */
  readonly cacheSize?: number | undefined;
}

/** Opens (or creates) the store, rebuilding its in-memory state from the SQLite log. */
export function openStore(options: StoreOptions = {}): Store {
  return new SqliteStore(options.path, options.sync ?? 'normal', {
    checkpointEvery: options.checkpointEvery ?? 1024,
    cacheSize: options.cacheSize ?? 16,
  });
}
