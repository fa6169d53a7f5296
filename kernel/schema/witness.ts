import type { Json, JsonObject } from '../types.js';
import { ApiError, badRequest, schemaCheckFailure } from '../errors.js';
import type { Context } from './iri.js';
import { expandSchema, hasScheme } from './iri.js';

/** A single schema-check witness raised during elaboration (§9.1). */
export function witnessError(witness: JsonObject): ApiError {
  return schemaCheckFailure([witness]);
}

/** The witness list of an ApiError that is a schema check failure, else undefined. */
export function witnessesOf(e: unknown): JsonObject[] | undefined {
  if (!(e instanceof ApiError) || e.error?.['@type'] !== 'api:SchemaCheckFailure') return undefined;
  const w = e.error['api:witnesses'];
  return Array.isArray(w) ? (w as JsonObject[]) : undefined;
}

function safe(ctx: Context, name: string): string {
  try {
    return expandSchema(ctx, name);
  } catch {
    return name;
  }
}

/**
 * The submitted document as TerminusDB shows it in witnesses: `@type` and property names
 * expanded to full IRIs, values as given, `@id` kept when present.
 */
export function expandedDoc(ctx: Context, doc: JsonObject, type?: string): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === '@type') continue;
    if (k.startsWith('@')) {
      if (k === '@id') out[k] = v;
      continue;
    }
    out[safe(ctx, k)] = v;
  }
  const t = type ?? (typeof doc['@type'] === 'string' ? doc['@type'] : undefined);
  if (t !== undefined) out['@type'] = hasScheme(t) ? t : safe(ctx, t);
  return out;
}

/** 400 `api:BadCast` for a document value. */
export function badCast(value: Json, typeIri: string, document: JsonObject): ApiError {
  return badRequest('api:BadCast', `value ${JSON.stringify(value)} could not be casted to a ${typeIri}`, {
    'api:value': value,
    'api:type': typeIri,
    'api:document': document,
  });
}

/** True for a plain JSON object. */
export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
