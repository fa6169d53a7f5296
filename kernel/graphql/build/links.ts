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

/**
 * The documents of class `domain` (exact class, as TerminusDB) whose property `prop` links to
 * `node`, in document order: from the store's reverse-link index (also for links held inside
 * subdocuments), plus the owner of an embedded subdocument.
 */
export function backlinkNodes(rc: RequestContext, node: Node, prop: string, domain: string): Node[] {
  const out: Node[] = [];
  const seen = new Set<string>();
  const push = (n: Node): void => {
    if (!seen.has(n.id) && typeOfNode(n) === domain) {
      seen.add(n.id);
      out.push(n);
    }
  };
  if (node.parent !== undefined && includes(node.parent.doc[prop], node.doc)) push(node.parent);
  const sources: { source: string; nodes: Node[] }[] = [];
  for (const ref of rc.snapshot.backlinks(node.id)) {
    const slash = ref.prop.lastIndexOf('/');
    if ((slash < 0 ? ref.prop : ref.prop.slice(slash + 1)) !== prop) continue;
    const doc = rc.snapshot.getDoc('instance', ref.source);
    if (doc === undefined) continue;
    const top: Node = { id: ref.source, doc };
    if (slash < 0) {
      if (doc['@type'] === domain) sources.push({ source: ref.source, nodes: [top] });
      continue;
    }
    const holders = embeddedAt(top, ref.prop.slice(0, slash).split('/')).filter((n) => includes(n.doc[prop], node.id));
    sources.push({ source: ref.source, nodes: holders });
  }
  if (sources.length > 1) {
    const keys = new Map(sources.map((s) => [s.source, orderKeyOf(rc.snapshot, s.source)]));
    const key = (s: { source: string }): string => keys.get(s.source) ?? s.source;
    sources.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
  for (const s of sources) s.nodes.forEach(push);
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
