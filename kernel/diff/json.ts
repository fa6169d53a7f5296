import type { Json, JsonObject } from '../types.js';

/** True for a JSON object (not an array, not null). */
export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `@op` of a patch operation object, or undefined when the value is not one. */
export function opOf(value: Json | undefined): string | undefined {
  if (!isObject(value)) return undefined;
  const op = value['@op'];
  return typeof op === 'string' ? op : undefined;
}

/** Structural JSON equality (key order is irrelevant), like Prolog unification of ground JSON. */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) {
      if (!Object.hasOwn(b, k) || !jsonEqual(a[k], b[k])) return false;
    }
    return true;
  }
  return false;
}

/**
 * TerminusDB's `json_size/2`: a scalar is 1, an object or array is the sum of (size + 1) over
 * its members (so `[]` and `{}` are 0).
 */
export function jsonSize(value: Json): number {
  if (Array.isArray(value)) return value.reduce<number>((s, v) => s + jsonSize(v) + 1, 0);
  if (isObject(value)) return Object.values(value).reduce<number>((s, v) => s + jsonSize(v) + 1, 0);
  return 1;
}

/** Own-property lookup that never reads the prototype chain. */
export function getOwn(obj: JsonObject, key: string): Json | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
