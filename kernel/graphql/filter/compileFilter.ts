import { GraphQLError } from 'graphql';
import { normalizeId } from '../../schema/index.js';
import type { Context } from '../../schema/index.js';
import type { Json } from '../../types.js';
import type { FrameClass, FrameField, Frames } from '../frames.js';
import { valueKey } from '../values.js';
import type { Cond, ValueOp, ValueTest } from './types.js';

type Input = Readonly<Record<string, unknown>>;

const isInput = (v: unknown): v is Input => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Input id (relative, prefixed or full IRI) → contracted id; bad prefixes are GraphQL errors. */
export function contractInputId(iri: Context, id: string): string {
  try {
    return normalizeId(iri, id);
  } catch (e) {
    throw new GraphQLError(e instanceof Error ? e.message : `Invalid id: ${id}`);
  }
}

/** A JS RegExp for a TerminusDB (Rust `regex`) pattern; invalid patterns are GraphQL errors. */
export function compileRegex(source: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch {
    try {
      return new RegExp(source);
    } catch (e) {
      throw new GraphQLError(`Invalid regex ${JSON.stringify(source)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

const COMPARISONS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;

/**
 * The operation of a datatype filter: TerminusDB (`compile_*_input_value` in query.rs) takes the
 * first operator given, in the order `eq ne lt le gt ge regex startsWith allOfTerms anyOfTerms`,
 * and ignores the others (`{ge: 3, le: 5}` is `{ge: 3}`; a range needs `_and`).
 */
function valueOps(field: FrameField, input: Input): ValueOp[] {
  if (field.range.type !== 'base') return [];
  const base = field.range.base;
  for (const op of COMPARISONS) {
    const v = input[op];
    if (v !== undefined && v !== null) return [{ op, key: valueKey(base, v as Json) }];
  }
  if (typeof input['regex'] === 'string') return [{ op: 'regex', re: compileRegex(input['regex']) }];
  if (typeof input['startsWith'] === 'string') return [{ op: 'startsWith', prefix: input['startsWith'] }];
  for (const op of ['allOfTerms', 'anyOfTerms'] as const) {
    const v = input[op];
    if (Array.isArray(v)) return [{ op, terms: v.filter((x): x is string => typeof x === 'string') }];
  }
  return [];
}

function emptyFilter(field: FrameField): GraphQLError {
  return new GraphQLError(`Unable to compile an empty filter for field '${field.name}'`);
}

function compileTest(frames: Frames, iri: Context, field: FrameField, input: unknown): ValueTest {
  if (!isInput(input)) throw new GraphQLError(`Filter of field '${field.name}' must be an object`);
  const r = field.range;
  switch (r.type) {
    case 'base': {
      const ops = valueOps(field, input);
      if (ops.length === 0) throw emptyFilter(field);
      return { t: 'value', base: r.base, ops };
    }
    case 'enum': {
      // First operator only, as for datatypes.
      if (typeof input['eq'] === 'string') return { t: 'enum', eq: input['eq'], ne: undefined };
      if (typeof input['ne'] === 'string') return { t: 'enum', eq: undefined, ne: input['ne'] };
      throw emptyFilter(field);
    }
    case 'class': {
      const cls = frames.classes.get(r.cls);
      if (cls === undefined) throw new GraphQLError(`Unknown class ${r.cls}`);
      return { t: 'node', cls, cond: compileFilter(frames, iri, cls, input) };
    }
    case 'foreign': {
      const ids = new Set<string>();
      if (typeof input['_id'] === 'string') ids.add(contractInputId(iri, input['_id']));
      if (Array.isArray(input['_ids'])) for (const i of input['_ids']) if (typeof i === 'string') ids.add(contractInputId(iri, i));
      if (ids.size === 0 && input['_id'] === undefined && input['_ids'] === undefined) throw emptyFilter(field);
      return { t: 'id', ids };
    }
    default: {
      const never: never = r;
      return never;
    }
  }
}

function compileField(frames: Frames, iri: Context, field: FrameField, input: unknown): Cond {
  const collection = field.family === 'Set' || field.family === 'List' || field.family === 'Array';
  if (!collection) return { t: 'field', field, quant: 'one', test: compileTest(frames, iri, field, input) };
  if (!isInput(input)) throw new GraphQLError(`Filter of field '${field.name}' must be an object`);
  const items: Cond[] = [];
  if (input['someHave'] !== undefined && input['someHave'] !== null) {
    items.push({ t: 'field', field, quant: 'some', test: compileTest(frames, iri, field, input['someHave']) });
  }
  if (input['allHave'] !== undefined && input['allHave'] !== null) {
    items.push({ t: 'field', field, quant: 'all', test: compileTest(frames, iri, field, input['allHave']) });
  }
  if (items.length === 0) throw new GraphQLError(`No operation for the collection filter of field '${field.name}' (someHave or allHave)`);
  return items.length === 1 && items[0] !== undefined ? items[0] : { t: 'and', items };
}

/**
 * Compiles a coerced `<Class>_Filter` argument: the fields given are a conjunction; each field's
 * filter applies its first operator only (see `valueOps`).
 */
export function compileFilter(frames: Frames, iri: Context, cls: FrameClass, input: unknown): Cond {
  if (!isInput(input)) throw new GraphQLError(`Filter of class '${cls.name}' must be an object`);
  const items: Cond[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (key === '_and' || key === '_or') {
      const list = Array.isArray(value) ? value : [value];
      const sub = list.map((v) => compileFilter(frames, iri, cls, v));
      items.push(key === '_and' ? { t: 'and', items: sub } : { t: 'or', items: sub });
    } else if (key === '_not') {
      items.push({ t: 'not', item: compileFilter(frames, iri, cls, value) });
    } else if (key === '_id') {
      items.push({ t: 'ids', ids: new Set([contractInputId(iri, String(value))]) });
    } else if (key === '_ids') {
      const list = Array.isArray(value) ? value : [value];
      items.push({ t: 'ids', ids: new Set(list.map((v) => contractInputId(iri, String(v)))) });
    } else {
      const field = cls.byName.get(key);
      if (field === undefined) throw new GraphQLError(`Unknown filter field '${key}' of class '${cls.name}'`);
      items.push(compileField(frames, iri, field, value));
    }
  }
  return items.length === 1 && items[0] !== undefined ? items[0] : { t: 'and', items };
}
