import type { Snapshot } from '../../store/Store.js';
import type { Json, JsonObject } from '../../types.js';
import type { Node } from '../context.js';
import { newStringTree, type StringTree } from './btree.js';
import type { Derivation } from './DerivedCache.js';
import { orderKeyOf } from './docOrder.js';

/**
 * The top-level documents that embed subdocuments of a set of classes, in document order
 * (`orderKey → id`). Subdocuments are stored inside their owner, so a root query of a subdocument
 * class (which TerminusDB answers from its type index) walks these owners.
 */
export interface SubdocumentOwners {
  readonly tree: StringTree<string>;
}

function isEmbedded(v: Json | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v['@id'] === 'string' && typeof v['@type'] === 'string';
}

/** Visits the embedded subdocuments of `node` depth-first, in stored property order. */
export function eachEmbedded(node: Node, visitor: (n: Node) => void): void {
  const walk = (v: Json | undefined, owner: Node): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, owner);
      return;
    }
    if (!isEmbedded(v)) return;
    const sub: Node = { id: v['@id'] as string, doc: v, parent: owner };
    visitor(sub);
    for (const [k, x] of Object.entries(v)) if (!k.startsWith('@')) walk(x, sub);
  };
  for (const [k, x] of Object.entries(node.doc)) if (!k.startsWith('@')) walk(x, node);
}

function embeds(doc: JsonObject, types: ReadonlySet<string>): boolean {
  let found = false;
  eachEmbedded({ id: '', doc }, (n) => {
    found ||= types.has(n.doc['@type'] as string);
  });
  return found;
}

/** The derivation of the owner index of subdocument classes `types` (exact class ids). */
export function subdocumentOwnersDerivation(types: readonly string[]): Derivation<SubdocumentOwners> {
  const set = new Set(types);
  const add = (tree: StringTree<string>, s: Snapshot, id: string): void => {
    const doc = s.getDoc('instance', id);
    if (doc !== undefined && embeds(doc, set)) tree.set(orderKeyOf(s, id), id);
  };
  return {
    build(snapshot) {
      const tree = newStringTree<string>();
      for (const id of snapshot.ids('instance')) add(tree, snapshot, id);
      return { tree };
    },
    update(base, from, to, changed) {
      const tree = base.tree.clone();
      for (const id of changed) {
        const key = orderKeyOf(from, id);
        if (tree.get(key) === id) tree.delete(key);
        add(tree, to, id);
      }
      return { tree };
    },
  };
}

/** The cache key of the owner index of `types`. */
export function subdocumentOwnersKey(types: readonly string[]): string {
  return `subdocs|${types.join(',')}`;
}
