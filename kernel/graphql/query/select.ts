import { GraphQLError } from 'graphql';
import type { RequestContext, Node } from '../context.js';
import type { FrameClass, FrameField } from '../frames.js';
import { holds } from '../filter/evaluate.js';
import { contractInputId } from '../filter/compileFilter.js';
import type { Cond } from '../filter/types.js';
import { SEP } from '../indexes/valueIndex.js';
import {
  EVERYTHING,
  exactIndexRange,
  indexableConds,
  orderIndexable,
  orderPart,
  scanAscending,
  scanOrdered,
  valueIndexOf,
  type IndexableCond,
  type KeyRange,
} from './indexScan.js';
import { sortNodes, type OrderSpec } from './order.js';
import { subdocumentNodes } from './subdocuments.js';

/** The list arguments of a class collection (root field, link, backlink or path). */
export interface ListArgs {
  readonly id?: string | undefined;
  readonly ids?: readonly string[] | undefined;
  readonly includeChildren: boolean;
  readonly offset: number;
  readonly limit: number | undefined;
  readonly cond: Cond;
  readonly order: readonly OrderSpec[];
}

function window(nodes: readonly Node[], args: ListArgs): Node[] {
  const end = args.limit === undefined ? undefined : args.offset + args.limit;
  return nodes.slice(args.offset, end);
}

function typesOf(cls: FrameClass, args: ListArgs): readonly string[] {
  return args.includeChildren ? cls.withChildren : [cls.id];
}

function idRestriction(rc: RequestContext, args: ListArgs): string[] | undefined {
  if (args.id !== undefined && args.ids !== undefined) throw new GraphQLError("You must not specify 'id' and 'ids' simultaneously");
  if (args.id !== undefined) return [contractInputId(rc.iri, args.id)];
  if (args.ids !== undefined) return [...new Set(args.ids.map((i) => contractInputId(rc.iri, i)))];
  return undefined;
}

function loadNode(rc: RequestContext, id: string): Node | undefined {
  const doc = rc.snapshot.getDoc('instance', id);
  return doc === undefined ? undefined : { id, doc };
}

/** Filters, orders and windows candidate nodes (links, backlinks and path results). */
export function selectFrom(rc: RequestContext, cls: FrameClass, args: ListArgs, candidates: Node[]): Node[] {
  const trivial = args.id === undefined && args.ids === undefined && args.order.length === 0 && args.offset === 0 && args.limit === undefined;
  if (trivial && args.cond.t === 'and' && args.cond.items.length === 0) return candidates;
  const only = idRestriction(rc, args);
  const allowed = only === undefined ? undefined : new Set(only);
  const matching = candidates.filter((n) => (allowed === undefined || allowed.has(n.id)) && holds(rc, args.cond, n));
  return window(sortNodes(matching, args.order), args);
}

/** Collects matching nodes from an id stream, stopping once `needed` are found. */
function collect(rc: RequestContext, ids: Iterable<string>, cond: Cond, needed: number | undefined): Node[] {
  const out: Node[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (needed !== undefined && out.length >= needed) break;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = loadNode(rc, id);
    if (node !== undefined && holds(rc, cond, node)) out.push(node);
  }
  return out;
}

/**
 * An ordered scan of a (composite) index on the first orderBy fields, stopping after `needed`
 * results (and, with more orderBy fields than indexed ones, the ties of the last result).
 */
function orderedScan(rc: RequestContext, types: readonly string[], args: ListArgs, fields: readonly FrameField[], range: KeyRange, needed: number | undefined): Node[] {
  const index = valueIndexOf(rc, types, fields);
  const directions = args.order.slice(0, fields.length).map((o) => o.desc);
  const out: Node[] = [];
  let last: string | undefined;
  const exact = args.order.length <= fields.length;
  for (const [key, id] of scanOrdered(index, range, directions)) {
    const prefix = key.slice(0, key.lastIndexOf(SEP));
    if (needed !== undefined && out.length >= needed && (exact || prefix !== last)) break;
    const node = loadNode(rc, id);
    if (node !== undefined && holds(rc, args.cond, node)) {
      out.push(node);
      last = prefix;
    }
  }
  return exact ? out : sortNodes(out, args.order);
}

/**
 * The documents of a root class query, using value indexes where they serve: an equality
 * condition scans its index entries; otherwise an `orderBy` on an indexed field scans in order and
 * stops at `offset + limit`; otherwise a range condition scans its range; otherwise the class's
 * documents are scanned in document order.
 */
export function selectRoot(rc: RequestContext, cls: FrameClass, args: ListArgs): Node[] {
  const types = typesOf(cls, args);
  if (cls.subdocument) return selectFrom(rc, cls, args, subdocumentNodes(rc, types));
  const typeSet = new Set(types);
  const only = idRestriction(rc, args);
  const needed = args.limit === undefined ? undefined : args.offset + args.limit;
  if (only !== undefined) {
    const ids = only.filter((id) => typeSet.has(rc.snapshot.typeOf(id) ?? ''));
    return window(sortNodes(collect(rc, ids, args.cond, undefined), args.order), args);
  }
  const conds = indexableConds(args.cond);
  const equality = conds.find((c) => c.equality);
  const orderField = orderIndexable(cls, args.order[0]?.field.name);
  if (equality === undefined && orderField !== undefined && (needed !== undefined || conds.length === 0)) {
    const second = orderIndexable(cls, args.order[1]?.field.name);
    const fields = second === undefined || second.prop === orderField.prop ? [orderField] : [orderField, second];
    return window(orderedScan(rc, types, args, fields, rangeOn(conds, orderField.prop), needed), args);
  }
  const chosen = equality ?? conds[0];
  if (chosen !== undefined) {
    const index = valueIndexOf(rc, types, [chosen.field]);
    const stop = args.order.length === 0 ? needed : undefined;
    // Entries of one value are in document order: an equality streams and stops at `stop`.
    // Several ranges on one single-valued field intersect (a Set's values may satisfy each separately).
    const single = chosen.field.family === 'One' || chosen.field.family === 'Optional';
    const range = chosen.equality || !single ? chosen.range : rangeOn(conds, chosen.field.prop);
    const ids = chosen.equality ? idsOf(scanAscending(index, range)) : inDocumentOrder([...scanAscending(index, range)]);
    const nodes = collect(rc, ids, args.cond, stop);
    return window(sortNodes(nodes, args.order), args);
  }
  const stop = args.order.length === 0 ? needed : undefined;
  const nodes = collect(rc, rc.snapshot.ids('instance', types), args.cond, stop);
  return window(sortNodes(nodes, args.order), args);
}

/** The intersection of the key ranges of the conditions on `prop` (everything when there are none). */
function rangeOn(conds: readonly IndexableCond[], prop: string): KeyRange {
  let from = EVERYTHING.from;
  let to = EVERYTHING.to;
  for (const c of conds) {
    if (c.field.prop !== prop) continue;
    if (c.range.from > from) from = c.range.from;
    if (c.range.to < to) to = c.range.to;
  }
  return { from, to };
}

function* idsOf(entries: Iterable<[string, string]>): Generator<string> {
  for (const [, id] of entries) yield id;
}

function inDocumentOrder(entries: [string, string][]): string[] {
  const keyed = entries.map(([key, id]) => ({ order: orderPart(key), id }));
  keyed.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  return keyed.map((k) => k.id);
}

/**
 * Number of documents of the class (and subclasses) matching the filter. A filter that is one
 * comparison on an indexed field is counted from the index alone (no document is read), so counting
 * at an old commit costs what it costs at the head.
 */
export function countRoot(rc: RequestContext, cls: FrameClass, cond: Cond, count: () => number): number {
  if (cls.subdocument) return selectRoot(rc, cls, { includeChildren: true, offset: 0, limit: undefined, cond, order: [] }).length;
  if (cond.t === 'and' && cond.items.length === 0) return count();
  const exact = exactIndexRange(cond);
  if (exact !== undefined) {
    const index = valueIndexOf(rc, cls.withChildren, [exact.field]);
    const single = exact.field.family === 'One' || exact.field.family === 'Optional';
    let n = 0;
    const seen = new Set<string>();
    for (const [, id] of scanAscending(index, exact.range)) {
      if (single) n += 1;
      else seen.add(id);
    }
    return single ? n : seen.size;
  }
  return selectRoot(rc, cls, { includeChildren: true, offset: 0, limit: undefined, cond, order: [] }).length;
}
