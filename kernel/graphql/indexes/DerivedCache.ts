import type { Snapshot } from '../../store/Store.js';

/** How to compute a value derived from a snapshot, from scratch or from another snapshot's value. */
export interface Derivation<T> {
  /** Computes the value for `snapshot` from scratch. */
  build(snapshot: Snapshot): T;
  /**
   * Computes the value for `to` from the value for `from`; `changed` lists the instance ids whose
   * documents differ. Must not mutate `base` (clone persistent structures first).
   */
  update(base: T, from: Snapshot, to: Snapshot, changed: Iterable<string>): T;
}

interface Entry {
  readonly commit: string;
  readonly seq: number;
  readonly snapshot: Snapshot;
  readonly value: unknown;
  tick: number;
}

/**
 * Commit-consistent derived values (indexes, counts), keyed by (database, derivation key,
 * commit). A value for a new commit is derived from the cached value of the same database and key
 * whose commit sequence number is closest, through `Snapshot.changedIds` (cost proportional to the
 * documents that differ, not to the database size), so a commit 1,000 commits back is as cheap to
 * query as the head once its first derivation is done. Least recently used entries are evicted.
 */
export class DerivedCache {
  private readonly entries = new Map<string, Entry[]>();
  private tick = 0;
  private size = 0;

  constructor(private readonly capacity = 512) {}

  /** The value of `derivation` (identified by `key`) for `snapshot` of database `db`. */
  get<T>(db: string, key: string, snapshot: Snapshot, derivation: Derivation<T>): T {
    const slot = `${db}\u0000${key}`;
    const list = this.entries.get(slot) ?? [];
    const commit = snapshot.commit.id;
    const hit = list.find((e) => e.commit === commit);
    this.tick += 1;
    if (hit !== undefined) {
      hit.tick = this.tick;
      return hit.value as T;
    }
    let base: Entry | undefined;
    for (const e of list) {
      if (base === undefined || Math.abs(e.seq - snapshot.commit.seq) < Math.abs(base.seq - snapshot.commit.seq)) base = e;
    }
    const value =
      base === undefined
        ? derivation.build(snapshot)
        : derivation.update(base.value as T, base.snapshot, snapshot, snapshot.changedIds(base.snapshot, 'instance'));
    list.push({ commit, seq: snapshot.commit.seq, snapshot, value, tick: this.tick });
    this.entries.set(slot, list);
    this.size += 1;
    if (this.size > this.capacity) this.evict();
    return value;
  }

  /** Number of cached values. */
  get count(): number {
    return this.size;
  }

  private evict(): void {
    let oldest: { slot: string; index: number; tick: number } | undefined;
    for (const [slot, list] of this.entries) {
      list.forEach((e, index) => {
        if (oldest === undefined || e.tick < oldest.tick) oldest = { slot, index, tick: e.tick };
      });
    }
    if (oldest === undefined) return;
    const list = this.entries.get(oldest.slot);
    list?.splice(oldest.index, 1);
    if (list?.length === 0) this.entries.delete(oldest.slot);
    this.size -= 1;
  }
}
