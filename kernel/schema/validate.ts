import type { Json, JsonObject } from '../types.js';
import type { Snapshot } from '../store/Store.js';
import { expandId, expandSchema } from './iri.js';
import type { ClassDef, PropertyDef, SchemaModel } from './model/types.js';
import { castValue } from './datatypes/cast.js';
import { isDatatype } from './datatypes/names.js';
import { leaves } from './walk.js';
import { isObject } from './witness.js';

/**
 * Commit-time validation of one stored instance document in the post-write state (§9):
 * returns TerminusDB's witnesses (full IRIs), empty when valid.
 */
export function validateDocument(model: SchemaModel, state: Snapshot, doc: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  validateObject(model, state, doc, out);
  return out;
}

function full(model: SchemaModel, name: string): string {
  try {
    return expandSchema(model.ctx, name);
  } catch {
    return name;
  }
}

function fullId(model: SchemaModel, id: string): string {
  try {
    return expandId(model.ctx, id);
  } catch {
    return id;
  }
}

function validateObject(model: SchemaModel, state: Snapshot, doc: JsonObject, out: JsonObject[]): void {
  const id = typeof doc['@id'] === 'string' ? doc['@id'] : '';
  const type = doc['@type'];
  if (typeof type !== 'string') return; // raw JSON document
  const cls = model.classes.get(type);
  const subject = fullId(model, id);
  if (!cls || cls.kind === 'Enum') {
    out.push({ '@type': 'subject_has_no_type', subject, type: full(model, type) });
    return;
  }
  if (cls.kind === 'Foreign') return;
  if (cls.abstract) out.push({ '@type': 'reifying_abstract_class', class: full(model, type), subject });
  for (const k of Object.keys(doc)) {
    if (k.startsWith('@') || cls.properties.has(k)) continue;
    out.push({ '@type': 'invalid_predicate', class: full(model, type), predicate: full(model, k), subject });
  }
  for (const prop of cls.properties.values()) checkProperty(model, state, cls, prop, doc, subject, out);
  for (const group of cls.oneOfs) {
    const present = [...group.keys()].filter((k) => doc[k] !== undefined);
    if (present.length === 1) continue;
    const choice: JsonObject = {};
    for (const p of group.values()) choice[full(model, p.name)] = full(model, p.range);
    out.push({
      '@type': present.length === 0 ? 'no_choice_is_cardinality_one' : 'choice_has_too_many_answers',
      choice,
      document: subject,
    });
  }
}

function checkProperty(
  model: SchemaModel,
  state: Snapshot,
  cls: ClassDef,
  prop: PropertyDef,
  doc: JsonObject,
  subject: string,
  out: JsonObject[],
): void {
  const v = doc[prop.name];
  const predicate = full(model, prop.name);
  const rangeIri = full(model, prop.range);
  if (v === undefined) {
    if (prop.family === 'One' && !cls.choices.has(prop.name)) {
      out.push({ '@type': 'instance_not_cardinality_one', class: rangeIri, instance: subject, predicate });
    } else if (prop.family === 'Set' && (prop.min ?? 0) > 0) {
      out.push({ '@type': 'instance_has_wrong_cardinality', class: rangeIri, instance: subject, predicate, cardinality: 0, object_list: [] });
    }
    return;
  }
  if (prop.family === 'Set' && Array.isArray(v)) {
    const n = v.length;
    if ((prop.min !== undefined && n < prop.min) || (prop.max !== undefined && n > prop.max)) {
      out.push({ '@type': 'instance_has_wrong_cardinality', class: rangeIri, instance: subject, predicate, cardinality: n, object_list: v });
    }
  }
  const items: Json[] = prop.family === 'One' || prop.family === 'Optional' ? [v] : leaves(v);
  const target = model.classes.get(prop.range);
  for (const item of items) {
    if (item === null) continue;
    if (prop.range === 'sys:Unit' || prop.range === 'sys:JSON') continue;
    if (isDatatype(prop.range)) {
      try {
        castValue(item, prop.range);
      } catch {
        out.push({ '@type': 'value_invalid_at_type', value: item, type: rangeIri, instance: subject, predicate });
      }
      continue;
    }
    if (!target) continue; // reported as not_a_class_or_base_type
    if (target.kind === 'Enum') {
      if (typeof item !== 'string' || !(target.values ?? []).includes(item)) {
        out.push({ '@type': 'instance_not_of_class', class: rangeIri, instance: typeof item === 'string' ? `${rangeIri}/${encodeURIComponent(item)}` : item });
      }
      continue;
    }
    if (target.kind === 'Foreign') continue;
    if (isObject(item)) {
      const t = item['@type'];
      const sub = typeof t === 'string' ? model.classes.get(t) : undefined;
      if (!sub || !sub.ancestors.has(target.id)) {
        out.push({ '@type': 'instance_not_of_class', class: rangeIri, instance: fullId(model, String(item['@id'] ?? '')) });
      }
      validateObject(model, state, item, out);
      continue;
    }
    if (typeof item !== 'string') continue;
    const t = typeOfTarget(state, item);
    const tc = t === undefined ? undefined : model.classes.get(t);
    if (!tc || !tc.ancestors.has(target.id)) {
      out.push({ '@type': 'instance_not_of_class', class: rangeIri, instance: fullId(model, item) });
    }
  }
}

/** The class of a link target: a document, or a subdocument embedded in one. */
export function typeOfTarget(state: Snapshot, id: string): string | undefined {
  const t = state.typeOf(id);
  if (t !== undefined) return t;
  const sub = findEmbedded(state, id);
  return sub && typeof sub['@type'] === 'string' ? sub['@type'] : undefined;
}

/** Finds a subdocument by id inside its parent (the parent's id is a prefix of it). */
export function findEmbedded(state: Snapshot, id: string): JsonObject | undefined {
  let i = id.lastIndexOf('/');
  while (i > 0) {
    const parent = id.slice(0, i);
    const doc = state.getDoc('instance', parent);
    if (doc) return searchIn(doc, id);
    i = id.lastIndexOf('/', i - 1);
  }
  return undefined;
}

function searchIn(o: JsonObject, id: string): JsonObject | undefined {
  for (const [k, v] of Object.entries(o)) {
    if (k.startsWith('@')) continue;
    for (const leaf of leaves(v)) {
      if (!isObject(leaf)) continue;
      if (leaf['@id'] === id) return leaf;
      const hit = searchIn(leaf, id);
      if (hit) return hit;
    }
  }
  return undefined;
}
