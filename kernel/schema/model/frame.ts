import type { JsonObject } from '../../types.js';
import type { SchemaModel } from './types.js';

/**
 * The class frame of `/api/schema?type=` (§3.5): the schema document with inherited properties
 * folded in, keys sorted. Undefined for an unknown class.
 */
export function classFrame(model: SchemaModel, type: string): JsonObject | undefined {
  const cls = model.classes.get(type);
  if (!cls) return undefined;
  const out: JsonObject = {};
  if (cls.kind === 'Enum') {
    out['@type'] = 'Enum';
    out['@values'] = [...(cls.values ?? [])];
  } else {
    out['@type'] = cls.kind === 'TaggedUnion' ? 'TaggedUnion' : 'Class';
    for (const a of cls.ancestors) {
      const doc = model.classes.get(a)?.doc;
      if (!doc) continue;
      for (const [k, v] of Object.entries(doc)) if (!k.startsWith('@')) out[k] = v;
    }
    for (const k of ['@key', '@base', '@documentation', '@metadata', '@oneOf', '@abstract', '@subdocument', '@unfoldable']) {
      const v = cls.doc[k];
      if (v !== undefined) out[k] = v;
    }
    if (cls.subdocument) out['@subdocument'] = [];
    if (cls.unfoldable) out['@unfoldable'] = [];
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
