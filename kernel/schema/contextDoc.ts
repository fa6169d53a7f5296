import type { JsonObject } from '../types.js';
import { badRequest } from '../errors.js';
import { DEFAULT_BASE, DEFAULT_SCHEMA, isPrefixName, isPrefixValue } from './iri.js';

const CONTEXT_KEYWORDS = new Set(['@type', '@base', '@schema', '@documentation', '@metadata', '@context']);

/**
 * Validates a submitted `@context` document (§6.1) and returns its stored form
 * (`@type: "@context"`, defaults for missing `@base`/`@schema`).
 */
export function normalizeContextDoc(doc: JsonObject): JsonObject {
  const out: JsonObject = { '@type': '@context', '@base': DEFAULT_BASE, '@schema': DEFAULT_SCHEMA };
  for (const [k, v] of Object.entries(doc)) {
    if (k === '@type') continue;
    if (k.startsWith('@')) {
      if (!CONTEXT_KEYWORDS.has(k)) {
        throw badRequest('api:AtPrefixedPropertiesNotSupported', `@-prefixed properties (${k}) are not supported`, { 'api:property': k });
      }
      if ((k === '@base' || k === '@schema') && (typeof v !== 'string' || !isPrefixValue(v))) {
        throw badRequest('api:InvalidPrefix', `Invalid prefix: ${k}`, { 'api:prefix_name': k, 'api:prefix_value': typeof v === 'string' ? v : JSON.stringify(v) });
      }
      out[k] = v;
      continue;
    }
    if (!isPrefixName(k) || typeof v !== 'string' || !isPrefixValue(v)) {
      throw badRequest('api:InvalidPrefix', `Invalid prefix: ${k}`, { 'api:prefix_name': k, 'api:prefix_value': typeof v === 'string' ? v : JSON.stringify(v) });
    }
    out[k] = v;
  }
  return out;
}
