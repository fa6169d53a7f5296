import type { RequestContext } from '../context.js';
import type { FrameClass, FrameField } from '../frames.js';
import type { Cond } from '../filter/types.js';
import { valueIndexDerivation, valueIndexKey, type ValueIndex, ABSENT, PRESENT, SEGMENT_END, SEP } from '../indexes/valueIndex.js';

/** A key range of a value index over its first segment: `[from, to)`. */
export interface KeyRange {
  readonly from: string;
  readonly to: string;
}

/** A top-level condition an index can serve. */
export interface IndexableCond {
  readonly field: FrameField;
  readonly range: KeyRange;
  /** An equality (few results): preferred over any other plan. */
  readonly equality: boolean;
}

const AFTER_SEP = '\u0001';

/** Every entry, absent values first. */
export const EVERYTHING: KeyRange = { from: ABSENT, to: SEGMENT_END };

/** Whether a field can have a value index (datatype values; a `sys:JSON` value is one value, not indexed). */
export function indexable(field: FrameField): boolean {
  return field.range.type === 'base' && field.range.base !== 'JSON';
}

function rangeOf(cond: Cond): IndexableCond | undefined {
  if (cond.t !== 'field' || cond.quant === 'all' || cond.test.t !== 'value' || !indexable(cond.field)) return undefined;
  let from = PRESENT;
  let to = SEGMENT_END;
  let equality = false;
  for (const op of cond.test.ops) {
    if (!('key' in op) || op.op === 'ne') continue;
    const k = PRESENT + op.key;
    if (op.op === 'eq' || op.op === 'ge') from = k + SEP > from ? k + SEP : from;
    if (op.op === 'gt') from = k + AFTER_SEP > from ? k + AFTER_SEP : from;
    if (op.op === 'eq' || op.op === 'le') to = k + AFTER_SEP < to ? k + AFTER_SEP : to;
    if (op.op === 'lt') to = k + SEP < to ? k + SEP : to;
    equality ||= op.op === 'eq';
  }
  if (from === PRESENT && to === SEGMENT_END) return undefined;
  return { field: cond.field, range: { from, to }, equality };
}

/**
 * The index range that answers `cond` exactly (one comparison other than `ne`, on an indexed
 * field, for one value or some value of a collection), or undefined.
 */
export function exactIndexRange(cond: Cond): IndexableCond | undefined {
  if (cond.t !== 'field' || cond.quant === 'all' || cond.test.t !== 'value' || cond.test.ops.length !== 1) return undefined;
  const op = cond.test.ops[0];
  if (op === undefined || !('key' in op) || op.op === 'ne') return undefined;
  return rangeOf(cond);
}

/** The conditions of a filter's top-level conjunction that a value index can serve. */
export function indexableConds(cond: Cond): IndexableCond[] {
  const items = cond.t === 'and' ? cond.items : [cond];
  const out: IndexableCond[] = [];
  for (const c of items) {
    if (c.t === 'and') out.push(...indexableConds(c));
    else {
      const r = rangeOf(c);
      if (r !== undefined) out.push(r);
    }
  }
  return out;
}

/** The value index of `fields` (one, or several single-valued: composite) over the classes at the request's commit. */
export function valueIndexOf(rc: RequestContext, types: readonly string[], fields: readonly FrameField[]): ValueIndex {
  const props = fields.map((f) => {
    if (f.range.type !== 'base') throw new Error(`no value index for ${f.name}`);
    return { prop: f.prop, base: f.range.base };
  });
  const spec = { types, props };
  return rc.cache.get(rc.db, valueIndexKey(spec), rc.snapshot, valueIndexDerivation(spec));
}

/** Entries `[key, id]` of a key range, ascending. */
export function* scanAscending(index: ValueIndex, range: KeyRange): Generator<[string, string]> {
  for (const entry of index.tree.entries(range.from)) {
    if (entry[0] >= range.to) return;
    yield entry;
  }
}

/** The first segment (value part) of an index key. */
export function valuePart(key: string): string {
  return key.slice(0, key.indexOf(SEP));
}

/** The document-order part of an index key. */
export function orderPart(key: string): string {
  return key.slice(key.lastIndexOf(SEP) + 1);
}

/**
 * Entries of a key range in `orderBy` order: the first segment in direction `directions[0]`, then
 * the next segments in their directions, ties in document order. Reads one group of equal first
 * segments at a time.
 */
export function* scanOrdered(index: ValueIndex, range: KeyRange, directions: readonly boolean[]): Generator<[string, string]> {
  const desc = directions[0] === true;
  const source = desc ? index.tree.entriesReversed(range.to) : index.tree.entries(range.from);
  const compare = (a: [string, string], b: [string, string]): number => {
    const x = a[0].split(SEP);
    const y = b[0].split(SEP);
    for (let i = 1; i < x.length - 1; i++) {
      const p = x[i] ?? '';
      const q = y[i] ?? '';
      if (p !== q) return (p < q ? -1 : 1) * (directions[i] === true ? -1 : 1);
    }
    const p = x[x.length - 1] ?? '';
    const q = y[y.length - 1] ?? '';
    return p < q ? -1 : p > q ? 1 : 0;
  };
  let group: [string, string][] = [];
  let groupValue: string | undefined;
  for (const entry of source) {
    if (entry[0] >= range.to || entry[0] < range.from) {
      if (desc ? entry[0] < range.from : entry[0] >= range.to) break;
      continue;
    }
    const value = valuePart(entry[0]);
    if (value !== groupValue) {
      if (group.length > 1) group.sort(compare);
      yield* group;
      group = [];
      groupValue = value;
    }
    group.push(entry);
  }
  if (group.length > 1) group.sort(compare);
  yield* group;
}

/** Whether a field can be a segment of an ordered index scan (single-valued datatype). */
export function orderIndexable(cls: FrameClass, name: string | undefined): FrameField | undefined {
  const f = name === undefined ? undefined : cls.byName.get(name);
  return f !== undefined && indexable(f) && (f.family === 'One' || f.family === 'Optional') ? f : undefined;
}
