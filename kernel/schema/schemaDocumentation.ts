import type { Json, JsonObject } from '../types.js';
import { badRequest } from '../errors.js';
import { isObject } from './witness.js';

/**
 * Checks `@documentation` (one object, or a list of objects with distinct `@language` tags) and
 * returns it as stored (a one-element list becomes its object).
 */
export function normalizeDocumentation(doc: Json, schemaDoc: JsonObject): Json {
  if (!Array.isArray(doc)) return doc;
  const objs = doc.filter(isObject);
  if (objs.length === 1 && objs[0]) return objs[0];
  const tags = objs.map((o) => o['@language']);
  if (tags.some((t) => typeof t !== 'string')) {
    throw badRequest('api:NoLanguageTagForMultilingual', 'Multiple languages are used, but not all with language tags', {
      'api:document': schemaDoc,
    });
  }
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const t of tags as string[]) (seen.has(t) ? repeated : seen).add(t);
  if (repeated.size > 0) {
    throw badRequest('api:LanguageTagsRepeated', 'The same language tags were used repeatedly', {
      'api:languages': [...repeated],
      'api:document': schemaDoc,
    });
  }
  return objs;
}
