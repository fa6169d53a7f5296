import type { BacklinkRef, GraphType, JsonObject, LinkRef } from '../types.js';
import { newTree, type BTree } from './btree.js';
import { orderKey, SEP, type DocRecord } from './DocRecord.js';

/** The persistent indexes of one graph of one snapshot. */
export interface GraphTrees {
  /** id → stored record. */
  readonly docs: BTree<string, DocRecord>;
  /** order key → id: document order (§4.2). */
  readonly order: BTree<string, string>;
  /** Deleted id → its order key, so an id written again keeps its place (as TerminusDB's dictionary does). */
  readonly gone: BTree<string, string>;
  /** `type SEP orderKey` → id: documents of a class, in document order. */
  readonly types: BTree<string, string>;
  /** `target SEP source SEP prop` → backlink. */
  readonly backs: BTree<string, BacklinkRef>;
}

/** One normalised change of a commit, as logged: `text` null deletes. */
export interface DeltaEntry {
  readonly graph: GraphType;
  readonly id: string;
  /** JSON text of the document, or null for a delete. */
  readonly text: string | null;
  /** The parsed document when already known (commits written by this process). */
  readonly doc: JsonObject | undefined;
  readonly type: string | undefined;
  readonly links: readonly LinkRef[] | undefined;
}

/** Empty indexes of a graph. */
export function emptyGraphTrees(): GraphTrees {
  return { docs: newTree(), order: newTree(), gone: newTree(), types: newTree(), backs: newTree() };
}

/** O(1) copy-on-write copies of every index. */
export function cloneGraphTrees(g: GraphTrees): GraphTrees {
  return { docs: g.docs.clone(), order: g.order.clone(), gone: g.gone.clone(), types: g.types.clone(), backs: g.backs.clone() };
}

function backKey(target: string, source: string, prop: string): string {
  return target + SEP + source + SEP + prop;
}

function unindex(g: GraphTrees, id: string, rec: DocRecord, keepOrder: boolean): void {
  if (!keepOrder) g.order.delete(rec.key);
  if (rec.type !== undefined) g.types.delete(rec.type + SEP + rec.key);
  for (const l of rec.links ?? []) g.backs.delete(backKey(l.target, id, l.prop));
}

/** Applies one change to mutable indexes; `seq` is the sequence number of the commit being applied. */
export function applyEntry(g: GraphTrees, e: DeltaEntry, seq: number): void {
  const old = g.docs.get(e.id);
  if (e.text === null) {
    if (old === undefined) return;
    unindex(g, e.id, old, false);
    g.docs.delete(e.id);
    g.gone.set(e.id, old.key);
    return;
  }
  let key: string;
  if (old !== undefined) {
    unindex(g, e.id, old, true);
    key = old.key;
  } else {
    const previous = g.gone.get(e.id);
    if (previous !== undefined) g.gone.delete(e.id);
    key = previous ?? orderKey(seq, e.id);
    g.order.set(key, e.id);
  }
  const links = e.links !== undefined && e.links.length > 0 ? e.links : undefined;
  const rec: DocRecord = {
    key,
    type: e.type,
    links,
    text: e.doc === undefined ? e.text : undefined,
    doc: e.doc,
  };
  g.docs.set(e.id, rec);
  if (e.type !== undefined) g.types.set(e.type + SEP + key, e.id);
  for (const l of links ?? []) g.backs.set(backKey(l.target, e.id, l.prop), { source: e.id, prop: l.prop });
}
