import type { CommitRecord, GraphType, JsonObject } from '../types.js';
import { applyEntry, cloneGraphTrees, emptyGraphTrees, type DeltaEntry, type GraphTrees } from './GraphTrees.js';
import { SnapshotView } from './SnapshotView.js';

/**
 * Mutable indexes used to derive a commit's snapshot from its parent's: clone (O(1)), apply the
 * commit's delta, freeze into a `SnapshotView` (O(1)); can go on applying later commits.
 */
export class SnapshotBuilder {
  private constructor(
    private graphs: Record<GraphType, GraphTrees>,
    private context: JsonObject,
  ) {}

  /** Starts from nothing (a parentless commit). */
  static empty(context: JsonObject): SnapshotBuilder {
    return new SnapshotBuilder({ instance: emptyGraphTrees(), schema: emptyGraphTrees() }, context);
  }

  /** Starts from an existing snapshot, sharing all its structure. */
  static from(snap: SnapshotView): SnapshotBuilder {
    return new SnapshotBuilder(
      { instance: cloneGraphTrees(snap.graphs.instance), schema: cloneGraphTrees(snap.graphs.schema) },
      snap.context,
    );
  }

  setContext(context: JsonObject): void {
    this.context = context;
  }

  apply(entries: Iterable<DeltaEntry>, seq: number): void {
    for (const e of entries) applyEntry(this.graphs[e.graph], e, seq);
  }

  /** An immutable snapshot of the current state; the builder stays usable. */
  freeze(commit: CommitRecord): SnapshotView {
    return new SnapshotView(commit, this.context, {
      instance: cloneGraphTrees(this.graphs.instance),
      schema: cloneGraphTrees(this.graphs.schema),
    });
  }
}
