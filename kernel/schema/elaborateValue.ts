import type { Json, JsonObject } from '../types.js';
import { badRequest } from '../errors.js';
import { castValue, CastError } from './datatypes/cast.js';
import { isDatatype } from './datatypes/names.js';
import { expandSchema, normalizeId, normalizeSchemaName } from './iri.js';
import type { ClassDef, PropertyDef, SchemaModel } from './model/types.js';
import { badCast, isObject, witnessError } from './witness.js';
import type { Context } from './iri.js';

const MARKER = '__TERMINUS_NUM__';

/** What a single (non-collection) value turned into. */
export type Converted =
  | { kind: 'value'; value: Json }
  | { kind: 'link'; id: string }
  | { kind: 'ref'; name: string }
  | { kind: 'object'; input: JsonObject };

/** Everything value conversion needs. */
export interface ValueEnv {
  readonly model: SchemaModel;
  readonly ctx: Context;
  /** The submitted document the value belongs to (for error details). */
  readonly document: JsonObject;
}

/** Range kind of a contracted range name. */
export function rangeClass(model: SchemaModel, range: string): ClassDef | undefined {
  return model.classes.get(range);
}

function enumValue(env: ValueEnv, cls: ClassDef, v: Json): string {
  if (typeof v === 'string') {
    const values = cls.values ?? [];
    if (values.includes(v)) return v;
    const full = expandSchema(env.ctx, cls.id);
    const candidates = [`${full}/`, `${cls.id}/`];
    for (const c of candidates) {
      if (v.startsWith(c)) {
        const bare = decodeURIComponent(v.slice(c.length));
        if (values.includes(bare)) return bare;
      }
    }
  }
  throw witnessError({
    '@type': 'not_a_valid_enum',
    enum: expandSchema(env.ctx, cls.id),
    value: v,
  });
}

/**
 * Converts one submitted value (not an array) of property `prop` to its stored form; class-typed
 * objects are returned for the caller to elaborate.
 */
export function convertValue(env: ValueEnv, prop: PropertyDef, v: Json): Converted {
  const range = prop.range;
  if (range === 'sys:Unit') {
    if (Array.isArray(v) && v.length === 0) return { kind: 'value', value: [] };
    throw badRequest('api:NotAUnitType', `Unit value given is not a unit type: ${JSON.stringify(v)}`, {
      'api:value': v,
      'api:document': env.document,
    });
  }
  if (isDatatype(range)) {
    if (typeof v === 'string' && v.startsWith(MARKER)) {
      throw badRequest('api:ReservedMarkerInString', 'String value uses a reserved marker', {
        'api:field': prop.name,
        'api:marker': MARKER,
      });
    }
    if (Array.isArray(v) && range !== 'sys:JSON') {
      throw witnessError({ '@type': 'unexpected_list', type: expandSchema(env.ctx, range), value: v });
    }
    if (isObject(v) && range !== 'sys:JSON' && range !== 'rdf:langString' && '@value' in v) {
      return convertValue(env, prop, v['@value'] ?? null);
    }
    try {
      return { kind: 'value', value: castValue(v, range) };
    } catch (e) {
      if (!(e instanceof CastError)) throw e;
      const typeIri = expandSchema(env.ctx, range);
      if (e.reason === 'boolean') {
        throw badRequest('api:UnexpectedBooleanValue', `Unexpected boolean value: ${String(v)}`, {
          'api:value': v,
          'api:expected_type': typeIri,
        });
      }
      throw badCast(v, typeIri, env.document);
    }
  }
  const cls = rangeClass(env.model, range);
  if (cls?.kind === 'Enum') return { kind: 'value', value: enumValue(env, cls, v) };
  if (Array.isArray(v)) {
    throw witnessError({ '@type': 'unexpected_list', type: expandSchema(env.ctx, range), value: v });
  }
  if (typeof v === 'string') return { kind: 'link', id: normalizeId(env.ctx, v) };
  if (isObject(v)) {
    const ref = v['@ref'];
    if (typeof ref === 'string') return { kind: 'ref', name: ref };
    const keys = Object.keys(v);
    const id = v['@id'];
    if (typeof id === 'string' && keys.every((k) => k === '@id' || (k === '@type' && v['@type'] === '@id'))) {
      return { kind: 'link', id: normalizeId(env.ctx, id) };
    }
    if (cls?.kind === 'Foreign' && typeof id === 'string') return { kind: 'link', id: normalizeId(env.ctx, id) };
    return { kind: 'object', input: v };
  }
  throw badCast(v, expandSchema(env.ctx, range), env.document);
}

/** Input key → contracted property name, or undefined if it cannot be expanded. */
export function propertyKey(ctx: Context, key: string): string {
  return normalizeSchemaName(ctx, key);
}
