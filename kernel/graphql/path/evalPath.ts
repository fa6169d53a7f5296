import { normalizeSchemaName } from '../../schema/index.js';
import type { Json, JsonObject } from '../../types.js';
import { nodeOf, type Node, type RequestContext } from '../context.js';
import { leaves } from '../values.js';
import type { Path, Pred } from './parsePath.js';

const propNames = new WeakMap<Pred, { readonly iri: RequestContext['iri']; readonly prop: string | undefined }>();

function propName(rc: RequestContext, pred: Pred): string | undefined {
  if (pred.any) return undefined;
  const hit = propNames.get(pred);
  if (hit?.iri === rc.iri) return hit.prop;
  let prop: string;
  try {
    prop = normalizeSchemaName(rc.iri, pred.name);
  } catch {
    prop = pred.name;
  }
  propNames.set(pred, { iri: rc.iri, prop });
  return prop;
}

function linked(rc: RequestContext, node: Node, values: Json[]): Node[] {
  const out: Node[] = [];
  for (const v of values) {
    const n = nodeOf(rc, v, node);
    if (n !== undefined) out.push(n);
  }
  return out;
}

function forward(rc: RequestContext, node: Node, pred: Pred): Node[] {
  const prop = propName(rc, pred);
  if (prop !== undefined) return linked(rc, node, leaves(node.doc[prop]));
  const out: Node[] = [];
  for (const [k, v] of Object.entries(node.doc)) if (!k.startsWith('@')) out.push(...linked(rc, node, leaves(v)));
  return out;
}

/** Embedded objects of `doc` at a property path (`a/b`), flattening collections. */
function objectsAt(doc: JsonObject, path: readonly string[]): JsonObject[] {
  let current: JsonObject[] = [doc];
  for (const step of path) {
    const next: JsonObject[] = [];
    for (const o of current) {
      for (const leaf of leaves(o[step])) if (leaf !== null && typeof leaf === 'object' && !Array.isArray(leaf)) next.push(leaf);
    }
    current = next;
  }
  return current;
}

function backward(rc: RequestContext, node: Node, pred: Pred): Node[] {
  const prop = propName(rc, pred);
  const out: Node[] = [];
  if (node.parent !== undefined) {
    const p = node.parent;
    const holdsIt = Object.entries(p.doc).some(([k, v]) => (prop === undefined || k === prop) && leaves(v).includes(node.doc));
    if (holdsIt) out.push(p);
  }
  for (const ref of rc.snapshot.backlinks(node.id)) {
    const refProp = ref.prop;
    const slash = refProp.lastIndexOf('/');
    // Direct links (the common case) need no split: compare the property, then read the source.
    if (slash < 0) {
      if (prop !== undefined && refProp !== prop) continue;
      const source = rc.snapshot.getDoc('instance', ref.source);
      if (source !== undefined) out.push({ id: ref.source, doc: source });
      continue;
    }
    const last = refProp.slice(slash + 1);
    if (prop !== undefined && last !== prop) continue;
    const source = rc.snapshot.getDoc('instance', ref.source);
    if (source === undefined) continue;
    const top: Node = { id: ref.source, doc: source };
    for (const o of objectsAt(source, refProp.slice(0, slash).split('/'))) {
      if (typeof o['@id'] === 'string' && leaves(o[last]).includes(node.id)) out.push({ id: o['@id'], doc: o, parent: top });
    }
  }
  return out;
}

function many(rc: RequestContext, path: Path, input: readonly Node[], start: number, stop: number | undefined): Node[] {
  if (stop === 0) return [...input];
  const visited = new Set<string>();
  const out: Node[] = [];
  let level = 0;
  let current: readonly Node[] = input;
  while (current.length > 0) {
    if (stop !== undefined && level >= stop) break;
    const open: Node[] = [];
    for (const n of current) {
      if (visited.has(n.id)) continue;
      visited.add(n.id);
      open.push(n);
      if (level >= start) out.push(n);
    }
    level += 1;
    current = open.length === 0 ? [] : evalPath(rc, path, open);
  }
  return out;
}

/** The nodes a path reaches from `input`, in TerminusDB's traversal order (repeats are breadth-first). */
export function evalPath(rc: RequestContext, path: Path, input: readonly Node[]): Node[] {
  switch (path.t) {
    case 'seq':
      return path.items.reduce<readonly Node[]>((nodes, p) => evalPath(rc, p, nodes), input) as Node[];
    case 'choice':
      return path.items.flatMap((p) => evalPath(rc, p, input));
    case 'forward':
      return input.flatMap((n) => forward(rc, n, path.pred));
    case 'backward':
      return input.flatMap((n) => backward(rc, n, path.pred));
    case 'plus':
      return many(rc, path.path, input, 1, undefined);
    case 'star':
      return many(rc, path.path, input, 0, undefined);
    case 'times':
      return many(rc, path.path, input, path.min, path.max);
    default: {
      const never: never = path;
      return never;
    }
  }
}
