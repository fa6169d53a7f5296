import type { CommitInput, DocChange, JsonObject } from '../types.js';
import { recordText, SEP } from './DocRecord.js';
import type { DeltaEntry } from './GraphTrees.js';
import type { SnapshotView } from './SnapshotView.js';

/** What a commit really changes relative to its parent. */
export interface CommitPlan {
  readonly entries: readonly DeltaEntry[];
  /** The new context, when it differs from the parent's. */
  readonly context: JsonObject | undefined;
}

/**
 * Normalises a commit input against the head: `clearGraphs` first (as deletes of every
 * document), then the changes in order (the last one per id wins); writes equal to the stored
 * JSON and deletes of missing ids are dropped.
 */
export function planCommit(head: SnapshotView, input: CommitInput): CommitPlan {
  const pending = new Map<string, DocChange>();
  for (const graph of input.clearGraphs ?? []) {
    for (const id of head.graphs[graph].docs.keys()) pending.set(graph + SEP + id, { graph, id, doc: null });
  }
  for (const c of input.changes) pending.set(c.graph + SEP + c.id, c);

  const entries: DeltaEntry[] = [];
  for (const c of pending.values()) {
    const old = head.graphs[c.graph].docs.get(c.id);
    if (c.doc === null) {
      if (old !== undefined) entries.push({ graph: c.graph, id: c.id, text: null, doc: undefined, type: undefined, links: undefined });
      continue;
    }
    const text = JSON.stringify(c.doc);
    if (old !== undefined && recordText(old) === text) continue;
    entries.push({ graph: c.graph, id: c.id, text, doc: c.doc, type: c.type, links: c.links });
  }

  let context: JsonObject | undefined;
  if (input.context !== undefined && JSON.stringify(input.context) !== JSON.stringify(head.context)) {
    context = input.context;
  }
  return { entries, context };
}
