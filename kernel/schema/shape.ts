import type { Json, JsonObject } from '../types.js';
import { expandSchema, normalizeSchemaName } from './iri.js';
import type { Context } from './iri.js';
import type { ClassDef, PropertyDef, SchemaModel } from './model/types.js';
import { witnessError } from './witness.js';

function keysOf(model: SchemaModel, input: JsonObject): string[] | undefined {
  const out: string[] = [];
  for (const k of Object.keys(input)) {
    if (k.startsWith('@')) continue;
    try {
      out.push(normalizeSchemaName(model.ctx, k));
    } catch {
      return undefined;
    }
  }
  return out;
}

function fits(cls: ClassDef, keys: readonly string[], input: JsonObject): boolean {
  if (!keys.every((k) => cls.properties.has(k))) return false;
  for (const p of cls.properties.values()) {
    if (p.family !== 'One') continue;
    if (keys.includes(p.name)) continue;
    // allow a property given under its full name
    if (!Object.keys(input).some((k) => k.endsWith(p.name))) return false;
  }
  return true;
}

/**
 * Infers the class of a document without `@type` (§5.2): the unique concrete class (among the
 * subclasses of `expected`, or all classes) whose properties cover the document's keys.
 */
export function inferType(model: SchemaModel, input: JsonObject, expected: string | undefined, topLevel: boolean): ClassDef {
  const keys = keysOf(model, input) ?? [];
  const pool = expected ? model.subclassesOf(expected) : [...model.classes.keys()];
  const candidates: ClassDef[] = [];
  for (const id of pool) {
    const c = model.classes.get(id);
    if (!c || c.abstract || (c.kind !== 'Class' && c.kind !== 'TaggedUnion')) continue;
    if (topLevel && !expected && c.subdocument) continue;
    if (fits(c, keys, input)) candidates.push(c);
  }
  const only = candidates[0];
  if (candidates.length === 1 && only) return only;
  throw witnessError({ '@type': 'no_unique_type_for_document', document: input });
}

/** Insert-time cardinality witnesses (required_field_does_not_exist_in_document, field_has_wrong_cardinality). */
export function checkCardinality(ctx: Context, prop: PropertyDef, raw: Json | undefined, document: JsonObject): void {
  const field = expandSchema(ctx, prop.name);
  const missing = raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0 && prop.family === 'Set');
  if (prop.family === 'One') {
    if (raw === undefined || raw === null) {
      throw witnessError({ '@type': 'required_field_does_not_exist_in_document', document, field });
    }
    return;
  }
  if (prop.family !== 'Set' || (prop.min === undefined && prop.max === undefined)) return;
  const count = missing ? 0 : Array.isArray(raw) ? new Set(raw.map((x) => JSON.stringify(x))).size : 1;
  const min = prop.min ?? 0;
  if (count === 0 && min > 0) {
    throw witnessError({ '@type': 'required_field_does_not_exist_in_document', document, field });
  }
  if (count < min || (prop.max !== undefined && count > prop.max)) {
    const w: JsonObject = { '@type': 'field_has_wrong_cardinality', actual: count, document, field, min };
    if (prop.max !== undefined) w['max'] = prop.max;
    throw witnessError(w);
  }
}

/** `@oneOf` / TaggedUnion: exactly one property of each group (§6.5). */
export function checkOneOf(ctx: Context, cls: ClassDef, given: ReadonlyMap<string, Json>, document: JsonObject): void {
  for (const group of cls.oneOfs) {
    const present = [...group.keys()].filter((k) => {
      const v = given.get(k);
      return v !== undefined && v !== null;
    });
    if (present.length === 1) continue;
    const choice: JsonObject = {};
    for (const p of group.values()) choice[expandSchema(ctx, p.name)] = expandSchema(ctx, p.range);
    throw witnessError({
      '@type': present.length === 0 ? 'no_choice_is_cardinality_one' : 'choice_has_too_many_answers',
      choice,
      document,
    });
  }
}
