import type { Json, JsonObject } from '../types.js';
import { contractId, contractSchema, expandId, expandSchema } from './iri.js';
import type { Context } from './iri.js';
import type { SchemaModel } from './model/types.js';
import { isObjectProperty } from './walk.js';
import { isObject } from './witness.js';

/**
 * Rewrites a stored instance document after a context change: ids, links, types and property
 * names are expanded with the old context and contracted with the new one.
 */
export function recontract(model: SchemaModel, doc: JsonObject, before: Context, after: Context): JsonObject {
  const reId = (s: string): string => contractId(after, expandId(before, s));
  const reName = (s: string): string => contractSchema(after, expandSchema(before, s));
  const type = typeof doc['@type'] === 'string' ? doc['@type'] : undefined;
  const cls = type ? model.classes.get(type) : undefined;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === '@id' && typeof v === 'string') out[k] = reId(v);
    else if (k === '@type' && typeof v === 'string' && cls) out[k] = reName(v);
    else if (k.startsWith('@') || !cls) out[k] = v;
    else {
      const prop = cls.properties.get(k);
      const walk = (x: Json): Json =>
        Array.isArray(x) ? x.map(walk) : isObject(x) ? recontract(model, x, before, after) : typeof x === 'string' ? reId(x) : x;
      out[reName(k)] = prop && isObjectProperty(model, prop) ? walk(v) : v;
    }
  }
  return out;
}
