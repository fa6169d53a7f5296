import type { SnapshotView } from './SnapshotView.js';

/** How long a materialised snapshot is kept. */
export type Retention = 'pinned' | 'checkpoint' | 'recent';

/** A map that keeps the `capacity` most recently used entries. */
class Lru<V> {
  readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  get(id: string): V | undefined {
    const v = this.map.get(id);
    if (v !== undefined) {
      this.map.delete(id);
      this.map.set(id, v);
    }
    return v;
  }

  set(id: string, v: V): void {
    this.map.delete(id);
    this.map.set(id, v);
    for (const key of this.map.keys()) {
      if (this.map.size <= this.capacity) break;
      this.map.delete(key);
    }
  }
}

/**
 * The materialised snapshots of one database: pinned ones (branch heads) stay until unpinned;
 * checkpoints (commits at regular history depths) and other recently used snapshots live in two
 * small LRUs; anything else is rebuilt from the nearest materialised ancestor.
 */
export class SnapshotCache {
  private readonly pinned = new Map<string, SnapshotView>();
  private readonly checkpoints: Lru<SnapshotView>;
  private readonly recent: Lru<SnapshotView>;

  constructor(checkpoints: number, recent: number) {
    this.checkpoints = new Lru(checkpoints);
    this.recent = new Lru(recent);
  }

  get(id: string): SnapshotView | undefined {
    return this.pinned.get(id) ?? this.checkpoints.get(id) ?? this.recent.get(id);
  }

  /** Stores a snapshot (or moves it) under the given retention. */
  put(id: string, snap: SnapshotView, retention: Retention): void {
    this.pinned.delete(id);
    this.checkpoints.map.delete(id);
    this.recent.map.delete(id);
    if (retention === 'pinned') this.pinned.set(id, snap);
    else if (retention === 'checkpoint') this.checkpoints.set(id, snap);
    else this.recent.set(id, snap);
  }

  /** Changes the retention of a snapshot, if it is materialised. */
  retain(id: string, retention: Retention): void {
    const s = this.pinned.get(id) ?? this.checkpoints.map.get(id) ?? this.recent.map.get(id);
    if (s !== undefined) this.put(id, s, retention);
  }

  /** Number of materialised snapshots by retention. */
  get sizes(): { pinned: number; checkpoints: number; recent: number } {
    return { pinned: this.pinned.size, checkpoints: this.checkpoints.map.size, recent: this.recent.map.size };
  }
}
