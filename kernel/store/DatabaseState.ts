import type { CommitRecord, DatabaseRecord, JsonObject } from '../types.js';
import type { DeltaEntry } from './GraphTrees.js';
import { SnapshotBuilder } from './SnapshotBuilder.js';
import { SnapshotCache, type Retention } from './SnapshotCache.js';
import type { SnapshotView } from './SnapshotView.js';

/** Commits whose deltas are read with one range scan while replaying. */
const REPLAY_BATCH = 256;

/** In-memory metadata of one commit; its delta stays on disk (rows `first..last`). */
export interface CommitMeta {
  readonly record: CommitRecord;
  /** Changes row range, or null for a commit without document changes. */
  readonly range: readonly [number, number] | null;
  /** JSON text of the context when this commit sets it (always set on parentless commits). */
  readonly context: string | null;
  /** Distance from the root of its history (0 for a parentless commit). */
  readonly depth: number;
}

/** Options of snapshot retention. */
export interface RetentionOptions {
  /** Commits at a history depth multiple of this are checkpoints. */
  readonly checkpointEvery: number;
  /** Checkpoint snapshots kept per database (least recently used out). */
  readonly checkpoints: number;
  /** Other non-head snapshots kept per database (least recently used out). */
  readonly cacheSize: number;
}

/**
 * Everything the store knows about one database in memory: its record, all commit metadata,
 * branches in creation order, and the materialised snapshots.
 */
export class DatabaseState {
  readonly commits = new Map<string, CommitMeta>();
  readonly branches = new Map<string, string>();
  nextSeq = 1;
  lastTimestamp = 0;
  private readonly cache: SnapshotCache;

  constructor(
    public record: DatabaseRecord,
    /** Row id of the database in SQLite. */
    readonly row: number,
    private readonly retention: RetentionOptions,
    private readonly readDeltas: (ranges: readonly (readonly [number, number])[]) => DeltaEntry[][],
  ) {
    this.cache = new SnapshotCache(retention.checkpoints, retention.cacheSize);
  }

  addCommit(meta: CommitMeta): void {
    this.commits.set(meta.record.id, meta);
    this.nextSeq = Math.max(this.nextSeq, meta.record.seq + 1);
    this.lastTimestamp = Math.max(this.lastTimestamp, meta.record.timestamp);
  }

  /** Depth of a new commit with this parent. */
  depthAfter(parent: string | undefined): number {
    return parent === undefined ? 0 : (this.commits.get(parent)?.depth ?? 0) + 1;
  }

  private isHead(id: string): boolean {
    for (const head of this.branches.values()) if (head === id) return true;
    return false;
  }

  private retentionOf(meta: CommitMeta): Retention {
    if (this.isHead(meta.record.id)) return 'pinned';
    return meta.depth % this.retention.checkpointEvery === 0 ? 'checkpoint' : 'recent';
  }

  /** Records a branch head move (already written to disk) and adjusts retention. */
  setBranch(name: string, head: string | undefined): void {
    const old = this.branches.get(name);
    if (head === undefined) this.branches.delete(name);
    else this.branches.set(name, head);
    for (const id of [old, head]) {
      const meta = id === undefined ? undefined : this.commits.get(id);
      if (meta !== undefined) this.cache.retain(meta.record.id, this.retentionOf(meta));
    }
  }

  /** Installs a snapshot built elsewhere (by `commit`). */
  remember(snap: SnapshotView): void {
    const meta = this.commits.get(snap.commit.id);
    if (meta !== undefined) this.cache.put(snap.commit.id, snap, this.retentionOf(meta));
  }

  /** The snapshot of a commit of this database: cached, or replayed from the nearest materialised ancestor. */
  snapshot(commitId: string): SnapshotView {
    const cached = this.cache.get(commitId);
    if (cached !== undefined) return cached;
    const chain: CommitMeta[] = [];
    let base: SnapshotView | undefined;
    let id: string | undefined = commitId;
    while (id !== undefined) {
      const meta = this.commits.get(id);
      if (meta === undefined) throw new Error(`store: unknown commit ${id}`);
      chain.push(meta);
      id = meta.record.parent;
      if (id !== undefined) base = this.cache.get(id);
      if (base !== undefined) break;
    }
    const root = chain[chain.length - 1];
    if (root === undefined) throw new Error('store: empty chain');
    const builder = base !== undefined ? SnapshotBuilder.from(base) : SnapshotBuilder.empty(this.contextOf(root));
    let snap: SnapshotView | undefined;
    for (let end = chain.length; end > 0; end -= REPLAY_BATCH) {
      const batch = chain.slice(Math.max(0, end - REPLAY_BATCH), end).reverse();
      const ranges = batch.flatMap((m) => (m.range === null ? [] : [m.range]));
      const deltas = this.readDeltas(ranges);
      let k = 0;
      for (const meta of batch) {
        if (meta.context !== null) builder.setContext(JSON.parse(meta.context) as JsonObject);
        if (meta.range !== null) builder.apply(deltas[k++] ?? [], meta.record.seq);
        const retention = this.retentionOf(meta);
        if (meta.record.id === commitId || retention !== 'recent') {
          snap = builder.freeze(meta.record);
          this.cache.put(meta.record.id, snap, retention);
        }
      }
    }
    if (snap === undefined) throw new Error('store: replay produced no snapshot');
    return snap;
  }

  private contextOf(meta: CommitMeta): JsonObject {
    return meta.context === null ? { '@type': '@context' } : (JSON.parse(meta.context) as JsonObject);
  }

  /** Row ranges of every commit (for deletion). */
  *ranges(): Generator<[number, number]> {
    for (const meta of this.commits.values()) if (meta.range !== null) yield [meta.range[0], meta.range[1]];
  }

  /** Number of materialised snapshots. */
  get materialised(): { pinned: number; checkpoints: number; recent: number } {
    return this.cache.sizes;
  }
}
