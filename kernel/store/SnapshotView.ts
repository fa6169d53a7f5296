import type { BacklinkRef, CommitRecord, GraphType, JsonObject } from '../types.js';
import type { Snapshot } from './Store.js';
import type { BTree } from './btree.js';
import { diffTrees } from './btree.js';
import { recordDoc, recordText, SEP, SEP_END, type DocRecord } from './DocRecord.js';
import type { GraphTrees } from './GraphTrees.js';

/** Values of `tree` whose keys start with `prefix`, in key order. */
function* prefixValues<V>(tree: BTree<string, V>, prefix: string): Generator<[string, V]> {
  const end = prefix.slice(0, -1) + SEP_END;
  for (const entry of tree.entries(prefix)) {
    if (entry[0] >= end) return;
    yield entry;
  }
}

/** Merges per-class iterators (each in document order) into one stream in document order. */
function* mergeByOrder(tree: BTree<string, string>, types: readonly string[]): Generator<string> {
  const heads: { it: Iterator<[string, string]>; cur: [string, string] | undefined; skip: number }[] = [];
  for (const t of new Set(types)) {
    const it = prefixValues(tree, t + SEP);
    const first = it.next();
    if (first.done !== true) heads.push({ it, cur: first.value, skip: t.length + 1 });
  }
  for (;;) {
    let best: (typeof heads)[number] | undefined;
    for (const h of heads) {
      if (h.cur === undefined) continue;
      if (best?.cur === undefined || h.cur[0].slice(h.skip) < best.cur[0].slice(best.skip)) best = h;
    }
    if (best?.cur === undefined) return;
    yield best.cur[1];
    const next = best.it.next();
    best.cur = next.done === true ? undefined : next.value;
  }
}

function iterable<T>(make: () => Iterator<T>): Iterable<T> {
  return { [Symbol.iterator]: make };
}

function sameContent(a: DocRecord, b: DocRecord): boolean {
  return a === b || recordText(a) === recordText(b);
}

/** The immutable snapshot of one commit: a set of O(1) clones of the persistent indexes. */
export class SnapshotView implements Snapshot {
  constructor(
    readonly commit: CommitRecord,
    readonly context: JsonObject,
    /** @internal the indexes; never mutated. */
    readonly graphs: Readonly<Record<GraphType, GraphTrees>>,
  ) {}

  getDoc(graph: GraphType, id: string): JsonObject | undefined {
    const rec = this.graphs[graph].docs.get(id);
    return rec === undefined ? undefined : recordDoc(rec);
  }

  has(graph: GraphType, id: string): boolean {
    return this.graphs[graph].docs.has(id);
  }

  typeOf(id: string): string | undefined {
    return this.graphs.instance.docs.get(id)?.type;
  }

  orderKey(graph: GraphType, id: string): string | undefined {
    return this.graphs[graph].docs.get(id)?.key;
  }

  count(graph: GraphType): number {
    return this.graphs[graph].docs.size;
  }

  ids(graph: GraphType, types?: readonly string[]): Iterable<string> {
    const g = this.graphs[graph];
    if (types === undefined) return iterable(() => g.order.values());
    if (types.length === 1) {
      const prefix = (types[0] ?? '') + SEP;
      return iterable(() => {
        const it = prefixValues(g.types, prefix);
        return (function* () {
          for (const [, id] of it) yield id;
        })();
      });
    }
    return iterable(() => mergeByOrder(g.types, types));
  }

  backlinks(target: string): Iterable<BacklinkRef> {
    const backs = this.graphs.instance.backs;
    return iterable(() =>
      (function* () {
        for (const [, ref] of prefixValues(backs, target + SEP)) yield ref;
      })(),
    );
  }

  changedIds(other: Snapshot, graph: GraphType): Iterable<string> {
    if (!(other instanceof SnapshotView)) throw new TypeError('changedIds: snapshot of another store');
    const out: string[] = [];
    diffTrees(
      this.graphs[graph].docs,
      other.graphs[graph].docs,
      (id) => void out.push(id),
      (id) => void out.push(id),
      (id, a, b) => {
        if (!sameContent(a, b)) out.push(id);
      },
    );
    return out;
  }
}
