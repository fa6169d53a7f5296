import type { Json } from '../../types.js';
import { nodeOf, typeOfNode, type Node, type RequestContext } from '../context.js';
import { orderKeyOf } from '../indexes/docOrder.js';
import { leaves } from '../values.js';

function embeddedAt(source: Node, path: readonly string[]): Node[] {
  let current: Node[] = [source];
  for (const step of path) {
    const next: Node[] = [];
    for (const n of current) {
      for (const leaf of leaves(n.doc[step])) {
        if (leaf !== null && typeof leaf === 'object' && !Array.isArray(leaf) && typeof leaf['@id'] === 'string') {
          next.push({ id: leaf['@id'], doc: leaf, parent: n });
        }
      }
    }
    current = next;
  }
  return current;
}

const includes = (v: Json | undefined, x: Json): boolean => leaves(v).includes(x);

interface Source {
  readonly id: string;
  order: string;
  readonly nodes: readonly Node[];
}

/**
 * The documents of class `domain` (exact class, as TerminusDB) whose property `prop` links to
 * `node`, in document order: from the store's reverse-link index (also for links held inside
 * subdocuments), plus the owner of an embedded subdocument. The hot path (a direct link from a
 * top-level document) reads each source once and sorts only when there are several.
 */
export function backlinkNodes(rc: RequestContext, node: Node, prop: string, domain: string): Node[] {
  const out: Node[] = [];
  if (node.parent !== undefined && typeOfNode(node.parent) === domain && includes(node.parent.doc[prop], node.doc)) out.push(node.parent);
  const snapshot = rc.snapshot;
  let sources: Source[] | undefined;
  for (const ref of snapshot.backlinks(node.id)) {
    const refProp = ref.prop;
    const slash = refProp.lastIndexOf('/');
    if (slash < 0 ? refProp !== prop : refProp.slice(slash + 1) !== prop) continue;
    const doc = snapshot.getDoc('instance', ref.source);
    if (doc === undefined || (slash < 0 && doc['@type'] !== domain)) continue;
    const top: Node = { id: ref.source, doc };
    const nodes = slash < 0 ? [top] : embeddedAt(top, refProp.slice(0, slash).split('/')).filter((n) => includes(n.doc[prop], node.id));
    (sources ??= []).push({ id: ref.source, order: '', nodes });
  }
  if (sources === undefined) return out;
  if (sources.length > 1) {
    for (const s of sources) s.order = orderKeyOf(snapshot, s.id);
    sources.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  }
  const seen = out.length === 0 && sources.length === 1 ? undefined : new Set(out.map((n) => n.id));
  for (const s of sources) {
    for (const n of s.nodes) {
      if (typeOfNode(n) !== domain || seen?.has(n.id) === true) continue;
      seen?.add(n.id);
      out.push(n);
    }
  }
  return out;
}

/** The nodes a link property's values name (ids or embedded subdocuments). */
export function linkedNodes(rc: RequestContext, node: Node, values: readonly Json[]): Node[] {
  const out: Node[] = [];
  for (const v of values) {
    const n = nodeOf(rc, v, node);
    if (n !== undefined) out.push(n);
  }
  return out;
}
