import type { RequestContext } from '../context.js';
import type { FrameClass, FrameField } from '../frames.js';
import type { Cond } from '../filter/types.js';
import { valueIndexDerivation, valueIndexKey, type ValueIndex, ABSENT, PRESENT, SEP } from '../indexes/valueIndex.js';

/** A key range of a value index: `[from, to)`. */
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
const PRESENT_END = '\u0002';

/** The whole present-value part of an index. */
export const ALL_PRESENT: KeyRange = { from: PRESENT, to: PRESENT_END };
/** Every entry, absent values first. */
export const EVERYTHING: KeyRange = { from: ABSENT, to: PRESENT_END };

/** Whether a field can have a value index (datatype values). */
export function indexable(field: FrameField): boolean {
  return field.range.type === 'base';
}

function rangeOf(cond: Cond): IndexableCond | undefined {
  if (cond.t !== 'field' || cond.quant === 'all' || cond.test.t !== 'value' || !indexable(cond.field)) return undefined;
  let from = PRESENT;
  let to = PRESENT_END;
  let equality = false;
  for (const op of cond.test.ops) {
    const k = PRESENT + ('key' in op ? op.key : '');
    const lower = (v: string): void => {
      if (v > from) from = v;
    };
    const upper = (v: string): void => {
      if (v < to) to = v;
    };
    switch (op.op) {
      case 'eq':
        lower(k + SEP);
        upper(k + AFTER_SEP);
        equality = true;
        break;
      case 'ge':
        lower(k + SEP);
        break;
      case 'gt':
        lower(k + AFTER_SEP);
        break;
      case 'le':
        upper(k + AFTER_SEP);
        break;
      case 'lt':
        upper(k + SEP);
        break;
      default:
        break;
    }
  }
  if (from === PRESENT && to === PRESENT_END) return undefined;
  return { field: cond.field, range: { from, to }, equality };
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

/** The value index of `field` over the given classes at the request's commit. */
export function valueIndexOf(rc: RequestContext, types: readonly string[], field: FrameField): ValueIndex {
  if (field.range.type !== 'base') throw new Error(`no value index for ${field.name}`);
  const spec = { types, prop: field.prop, base: field.range.base };
  return rc.cache.get(rc.db, valueIndexKey(spec), rc.snapshot, valueIndexDerivation(spec));
}

/** Entries `[key, id]` of a key range, ascending. */
export function* scanAscending(index: ValueIndex, range: KeyRange): Generator<[string, string]> {
  for (const entry of index.tree.entries(range.from)) {
    if (entry[0] >= range.to) return;
    yield entry;
  }
}

/** Entries of a key range, descending by value; equal values stay in document order. */
export function* scanDescending(index: ValueIndex, range: KeyRange): Generator<[string, string]> {
  let group: [string, string][] = [];
  let groupValue: string | undefined;
  for (const entry of index.tree.entriesReversed(range.to)) {
    if (entry[0] >= range.to) continue;
    if (entry[0] < range.from) break;
    const value = valuePart(entry[0]);
    if (value !== groupValue) {
      for (let i = group.length - 1; i >= 0; i--) yield group[i] as [string, string];
      group = [];
      groupValue = value;
    }
    group.push(entry);
  }
  for (let i = group.length - 1; i >= 0; i--) yield group[i] as [string, string];
}

/** The value part (`PRESENT + valueKey`, or `ABSENT`) of an index key. */
export function valuePart(key: string): string {
  return key.slice(0, key.indexOf(SEP, 1));
}

/** The document-order part of an index key. */
export function orderPart(key: string): string {
  return key.slice(key.indexOf(SEP, 1) + 1);
}

/** The class's field usable as the first `orderBy` key through an index (single-valued datatype). */
export function orderIndexField(cls: FrameClass, name: string | undefined): FrameField | undefined {
  const f = name === undefined ? undefined : cls.byName.get(name);
  return f !== undefined && indexable(f) && (f.family === 'One' || f.family === 'Optional') ? f : undefined;
}
