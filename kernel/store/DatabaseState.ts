import type { CommitRecord, DatabaseRecord, JsonObject } from '../types.js';
import type { DeltaEntry } from './GraphTrees.js';
import { SnapshotBuilder } from './SnapshotBuilder.js';
import { SnapshotCache } from './SnapshotCache.js';
import type { SnapshotView } from './SnapshotView.js';

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
  /** Every commit at a depth multiple of this stays materialised. */
  readonly checkpointEvery: number;
  /** Unpinned snapshots kept per database. */
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
    private readonly readDelta: (range: readonly [number, number]) => DeltaEntry[],
  ) {
    this.cache = new SnapshotCache(retention.cacheSize);
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

  private shouldPin(meta: CommitMeta): boolean {
    return this.isHead(meta.record.id) || meta.depth % this.retention.checkpointEvery === 0;
  }

  /** Records a branch head move (already written to disk) and adjusts pinning. */
  setBranch(name: string, head: string | undefined): void {
    const old = this.branches.get(name);
    if (head === undefined) this.branches.delete(name);
    else this.branches.set(name, head);
    if (old !== undefined && old !== head) {
      const oldMeta = this.commits.get(old);
      if (oldMeta !== undefined && !this.shouldPin(oldMeta)) this.cache.unpin(old);
    }
    if (head !== undefined) this.cache.pin(head);
  }

  /** Installs a snapshot built elsewhere (by `commit`). */
  remember(snap: SnapshotView): void {
    const meta = this.commits.get(snap.commit.id);
    if (meta !== undefined) this.cache.put(snap.commit.id, snap, this.shouldPin(meta));
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
    for (let i = chain.length - 1; i >= 0; i--) {
      const meta = chain[i];
      if (meta === undefined) continue;
      if (meta.context !== null) builder.setContext(JSON.parse(meta.context) as JsonObject);
      if (meta.range !== null) builder.apply(this.readDelta(meta.range), meta.record.seq);
      if (i === 0 || this.shouldPin(meta)) {
        snap = builder.freeze(meta.record);
        this.cache.put(meta.record.id, snap, this.shouldPin(meta));
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
  get materialised(): { pinned: number; cached: number } {
    return this.cache.sizes;
  }
}
