import type { Snapshot } from '../../store/Store.js';
import type { Json, JsonObject } from '../../types.js';
import type { BaseKind } from '../frames.js';
import { leaves, valueKey } from '../values.js';
import { newStringTree, type StringTree } from './btree.js';
import type { Derivation } from './DerivedCache.js';
import { orderKeyOf } from './docOrder.js';

/** Separator between the segments of an index key. */
export const SEP = '\u0000';
/** First character of the segment of a document without a value (sorts first, as TerminusDB's None). */
export const ABSENT = '\u0001';
/** First character of the segment of a present value. */
export const PRESENT = '\u0002';
/** Upper bound of every segment. */
export const SEGMENT_END = '\u0003';

/**
 * A secondary index of datatype properties over the documents of a set of classes. With one
 * property: `PRESENT + valueKey + SEP + orderKey` → id for each distinct value (Sets and Lists
 * index every value), `ABSENT + SEP + orderKey` → id for documents without one. With several
 * (single-valued) properties the key has one segment per property (composite index, for
 * multi-field `orderBy`). Equal values are in document order, so a range scan in key order is an
 * `orderBy` on the properties with TerminusDB's tie order.
 */
export interface ValueIndex {
  readonly tree: StringTree<string>;
}

/** What a value index covers. */
export interface ValueIndexSpec {
  /** Exact class ids whose documents are indexed. */
  readonly types: readonly string[];
  /** Indexed properties (several: composite, first values only). */
  readonly props: readonly { readonly prop: string; readonly base: BaseKind }[];
}

/** The cache key of a spec. */
export function valueIndexKey(spec: ValueIndexSpec): string {
  return `value|${spec.types.join(',')}|${spec.props.map((p) => p.prop).join(',')}`;
}

function segment(base: BaseKind, v: Json | undefined): string {
  return v === undefined ? ABSENT : PRESENT + valueKey(base, v);
}

function keysOf(spec: ValueIndexSpec, doc: JsonObject, order: string): string[] {
  const [first] = spec.props;
  if (first === undefined) return [];
  if (spec.props.length > 1) return [spec.props.map((p) => segment(p.base, leaves(doc[p.prop])[0]) + SEP).join('') + order];
  const values = leaves(doc[first.prop]);
  if (values.length === 0) return [ABSENT + SEP + order];
  const keys = new Set<string>();
  for (const v of values) keys.add(segment(first.base, v) + SEP + order);
  return [...keys];
}

/** The derivation of a value index (build from scratch or update through changed ids). */
export function valueIndexDerivation(spec: ValueIndexSpec): Derivation<ValueIndex> {
  const types = new Set(spec.types);
  const add = (tree: StringTree<string>, s: Snapshot, id: string): void => {
    const type = s.typeOf(id);
    if (type === undefined || !types.has(type)) return;
    const doc = s.getDoc('instance', id);
    if (doc === undefined) return;
    for (const k of keysOf(spec, doc, orderKeyOf(s, id))) tree.set(k, id);
  };
  const remove = (tree: StringTree<string>, s: Snapshot, id: string): void => {
    const type = s.typeOf(id);
    if (type === undefined || !types.has(type)) return;
    const doc = s.getDoc('instance', id);
    if (doc === undefined) return;
    for (const k of keysOf(spec, doc, orderKeyOf(s, id))) tree.delete(k);
  };
  return {
    build(snapshot) {
      const tree = newStringTree<string>();
      for (const id of snapshot.ids('instance', spec.types)) add(tree, snapshot, id);
      return { tree };
    },
    update(base, from, to, changed) {
      const tree = base.tree.clone();
      for (const id of changed) {
        remove(tree, from, id);
        add(tree, to, id);
      }
      return { tree };
    },
  };
}

/** The number of documents of a set of classes, maintained the same way. */
export function countDerivation(types: readonly string[]): Derivation<number> {
  const set = new Set(types);
  const counts = (s: Snapshot, id: string): number => {
    const t = s.typeOf(id);
    return t !== undefined && set.has(t) ? 1 : 0;
  };
  return {
    build(snapshot) {
      let n = 0;
      for (const _ of snapshot.ids('instance', types)) n += 1;
      return n;
    },
    update(base, from, to, changed) {
      let n = base;
      for (const id of changed) n += counts(to, id) - counts(from, id);
      return n;
    },
  };
}
