import type { SnapshotView } from './SnapshotView.js';

/**
 * The materialised snapshots of one database: pinned ones (branch heads, checkpoints) are kept
 * until unpinned; others live in a small LRU and are rebuilt from an ancestor when evicted.
 */
export class SnapshotCache {
  private readonly pinned = new Map<string, SnapshotView>();
  private readonly lru = new Map<string, SnapshotView>();

  constructor(private readonly capacity: number) {}

  get(id: string): SnapshotView | undefined {
    const p = this.pinned.get(id);
    if (p !== undefined) return p;
    const s = this.lru.get(id);
    if (s !== undefined) {
      this.lru.delete(id);
      this.lru.set(id, s);
    }
    return s;
  }

  put(id: string, snap: SnapshotView, pin: boolean): void {
    if (pin) {
      this.lru.delete(id);
      this.pinned.set(id, snap);
      return;
    }
    if (this.pinned.has(id)) return;
    this.lru.delete(id);
    this.lru.set(id, snap);
    for (const key of this.lru.keys()) {
      if (this.lru.size <= this.capacity) break;
      this.lru.delete(key);
    }
  }

  /** Moves a pinned snapshot (if materialised) into the LRU. */
  unpin(id: string): void {
    const s = this.pinned.get(id);
    if (s === undefined) return;
    this.pinned.delete(id);
    this.put(id, s, false);
  }

  /** Pins a snapshot if it is materialised. */
  pin(id: string): void {
    const s = this.lru.get(id);
    if (s !== undefined) this.put(id, s, true);
  }

  /** Number of materialised snapshots (pinned, cached). */
  get sizes(): { pinned: number; cached: number } {
    return { pinned: this.pinned.size, cached: this.lru.size };
  }
}
