import type { Json, JsonObject } from '../../types.js';
import type { Family, PropertyDef } from './types.js';

const FAMILIES: Readonly<Record<string, Family>> = {
  Optional: 'Optional',
  Set: 'Set',
  Cardinality: 'Set',
  List: 'List',
  Array: 'Array',
  Table: 'Array',
};

/** Reads a property range from a normalised schema document value. */
export function parseRange(name: string, value: Json): PropertyDef | undefined {
  if (typeof value === 'string') return { name, family: 'One', range: value, unfold: false };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const obj: JsonObject = value;
  const t = obj['@type'];
  const cls = obj['@class'];
  if (typeof t !== 'string' || typeof cls !== 'string') return undefined;
  const family = FAMILIES[t];
  if (!family) return undefined;
  const def: {
    name: string; family: Family; range: string; unfold: boolean;
    min?: number; max?: number; dimensions?: number;
  } = { name, family, range: cls, unfold: obj['@unfold'] === true };
  const card = obj['@cardinality'];
  const min = obj['@min_cardinality'];
  const max = obj['@max_cardinality'];
  if (typeof card === 'number') {
    def.min = card;
    def.max = card;
  }
  if (typeof min === 'number') def.min = min;
  if (typeof max === 'number') def.max = max;
  if (family === 'Array') def.dimensions = typeof obj['@dimensions'] === 'number' ? obj['@dimensions'] : t === 'Table' ? 2 : 1;
  return def;
}
