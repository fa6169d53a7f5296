import type { Json, JsonObject, LinkRef } from '../types.js';
import type { PropertyDef, SchemaModel } from './model/types.js';
import { isDatatype } from './datatypes/names.js';
import { isObject } from './witness.js';

/** True when a property's values are links or embedded documents (not datatypes or enums). */
export function isObjectProperty(model: SchemaModel, prop: PropertyDef): boolean {
  if (prop.range === 'sys:Unit' || isDatatype(prop.range)) return false;
  const c = model.classes.get(prop.range);
  return c?.kind !== 'Enum';
}

/** The leaf values of a stored property value (flattening Sets, Lists and Arrays). */
export function leaves(v: Json | undefined): Json[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return [v];
  return v.flatMap((x) => leaves(x));
}

/** Every outgoing link of a stored instance document, including links inside subdocuments. */
export function linksOf(model: SchemaModel, doc: JsonObject, prefix = ''): LinkRef[] {
  const out: LinkRef[] = [];
  const type = doc['@type'];
  const cls = typeof type === 'string' ? model.classes.get(type) : undefined;
  if (!cls) return out;
  for (const prop of cls.properties.values()) {
    if (!isObjectProperty(model, prop)) continue;
    for (const leaf of leaves(doc[prop.name])) {
      if (typeof leaf === 'string') out.push({ prop: prefix + prop.name, target: leaf });
      else if (isObject(leaf)) out.push(...linksOf(model, leaf, `${prefix}${prop.name}/`));
    }
  }
  return out;
}

/** Ids of the document and of all its embedded subdocuments. */
export function ownedIds(doc: JsonObject): string[] {
  const out: string[] = [];
  const visit = (o: JsonObject): void => {
    if (typeof o['@id'] === 'string') out.push(o['@id']);
    for (const [k, v] of Object.entries(o)) {
      if (k.startsWith('@')) continue;
      for (const leaf of leaves(v)) if (isObject(leaf) && typeof leaf['@id'] === 'string' && typeof leaf['@type'] === 'string') visit(leaf);
    }
  };
  visit(doc);
  return out;
}

/**
 * Removes links to any of `targets` from a stored document, as TerminusDB does on delete: values
 * of single, Optional and Set properties are cut; List and Array cells are kept. Returns the new
 * document, or undefined when nothing changed.
 */
export function cutLinks(model: SchemaModel, doc: JsonObject, targets: ReadonlySet<string>): JsonObject | undefined {
  const type = doc['@type'];
  const cls = typeof type === 'string' ? model.classes.get(type) : undefined;
  if (!cls) return undefined;
  let changed = false;
  const out: JsonObject = { ...doc };
  for (const prop of cls.properties.values()) {
    if (!isObjectProperty(model, prop)) continue;
    const v = out[prop.name];
    if (v === undefined) continue;
    if (prop.family === 'One' || prop.family === 'Optional') {
      if (typeof v === 'string' && targets.has(v)) {
        delete out[prop.name];
        changed = true;
      } else if (isObject(v)) {
        const sub = cutLinks(model, v, targets);
        if (sub) {
          out[prop.name] = sub;
          changed = true;
        }
      }
    } else if (prop.family === 'Set' && Array.isArray(v)) {
      const next: Json[] = [];
      for (const x of v) {
        if (typeof x === 'string' && targets.has(x)) {
          changed = true;
          continue;
        }
        const sub = isObject(x) ? cutLinks(model, x, targets) : undefined;
        if (sub) changed = true;
        next.push(sub ?? x);
      }
      if (next.length === 0) delete out[prop.name];
      else out[prop.name] = next;
    }
  }
  return changed ? out : undefined;
}
