import type { Json, JsonObject } from '../types.js';
import { badRequest } from '../errors.js';
import type { ApiError } from '../errors.js';
import { contractSchema, expandSchema, normalizeSchemaName } from './iri.js';
import type { Context } from './iri.js';
import { CLASS_KEYWORDS } from './model/build.js';
import { isObject } from './witness.js';
import { normalizeDocumentation } from './schemaDocumentation.js';

const KINDS: Readonly<Record<string, 'Class' | 'Enum' | 'TaggedUnion' | 'Foreign'>> = {
  Class: 'Class', Enum: 'Enum', TaggedUnion: 'TaggedUnion', Foreign: 'Foreign',
  'sys:Class': 'Class', 'sys:Enum': 'Enum', 'sys:TaggedUnion': 'TaggedUnion', 'sys:Foreign': 'Foreign',
  'http://terminusdb.com/schema/sys#Class': 'Class', 'http://terminusdb.com/schema/sys#Enum': 'Enum',
  'http://terminusdb.com/schema/sys#TaggedUnion': 'TaggedUnion', 'http://terminusdb.com/schema/sys#Foreign': 'Foreign',
};
const FAMILY_TYPES = new Set(['Optional', 'Set', 'List', 'Array', 'Cardinality', 'Table']);
const KEY_TYPES = new Set(['Lexical', 'Hash', 'ValueHash', 'Random']);

function fail(type: string, msg: string, details: JsonObject): ApiError {
  return badRequest(type, msg, details);
}

function normalizeKey(key: Json, doc: JsonObject): JsonObject {
  if (!isObject(key)) throw fail('api:DocumentKeyNotObject', 'Document @key value is not an object', { 'api:key_value': key, 'api:document': doc });
  const t = key['@type'];
  if (t === undefined) throw fail('api:DocumentKeyTypeMissing', 'Document @key missing @type', { 'api:key': JSON.stringify(key), 'api:document': doc });
  if (typeof t !== 'string' || !KEY_TYPES.has(t)) {
    throw fail('api:DocumentKeyTypeUnknown', `Document @key type unknown: ${String(t)}. It must be ValueHash, Hash, Lexical, or Random.`, {
      'api:key_type': t,
      'api:document': doc,
    });
  }
  if (t === 'ValueHash' || t === 'Random') return { '@type': t };
  const fields = key['@fields'];
  if (fields === undefined) throw fail('api:KeyMissingFields', `Missing required @fields array for key type ${t}`, { 'api:key_type': t, 'api:document': doc });
  if (!Array.isArray(fields)) throw fail('api:KeyFieldsNotAnArray', 'Key @fields value is not an array.', { 'api:fields': fields, 'api:document': doc });
  if (fields.length === 0) throw fail('api:KeyFieldsIsEmpty', 'Key @fields value is empty.', { 'api:document': doc });
  return { '@type': t, '@fields': fields };
}

function normalizeRange(ctx: Context, prop: string, v: Json, doc: JsonObject): Json {
  if (typeof v === 'string') {
    const r = normalizeSchemaName(ctx, v);
    if (r === 'sys:JSONDocument') {
      throw fail('api:JSONDocumentInvalidRangeError', `The range '${v}' used on '${prop}' is illegal, use 'sys:JSON'.`, { 'api:field': prop });
    }
    return r;
  }
  if (isObject(v) && typeof v['@type'] === 'string' && FAMILY_TYPES.has(v['@type'])) {
    const out: JsonObject = { '@type': v['@type'] };
    for (const [k, x] of Object.entries(v)) {
      if (k === '@type') continue;
      if (k === '@class') out[k] = normalizeRange(ctx, prop, x, doc);
      else if (k === '@cardinality' && typeof x === 'number') {
        out['@min_cardinality'] = x;
        out['@max_cardinality'] = x;
      } else out[k] = x;
    }
    return out;
  }
  throw fail('api:BadFieldValue', `Unexpected value found in the field ${prop} of the submitted document`, {
    'api:field': prop, 'api:value': v, 'api:document': doc,
  });
}

function flag(v: Json | undefined): boolean {
  return v !== undefined && v !== null && v !== false;
}

/**
 * Validates a submitted schema document (Class, Enum, TaggedUnion, Foreign) and returns its
 * stored (normalised GET) form (§6.2–6.6, §6.9). Throws ApiError with TerminusDB's details.
 */
export function normalizeSchemaDoc(ctx: Context, doc: JsonObject): { id: string; doc: JsonObject } {
  const rawType = doc['@type'];
  const rawId = doc['@id'];
  if (rawType === undefined) throw fail('api:MissingField', "Missing '@type' field in submitted document.", { 'api:field': '@type', 'api:document': doc });
  if (typeof rawType !== 'string' || rawType === '') {
    throw fail('api:BadFieldValue', 'Unexpected value found in the field @type', { 'api:field': '@type', 'api:value': rawType, 'api:document': doc });
  }
  if (rawId === undefined) throw fail('api:MissingField', "Missing '@id' field in submitted document.", { 'api:field': '@id', 'api:document': doc });
  if (typeof rawId !== 'string' || rawId === '') {
    throw fail('api:BadFieldValue', 'Unexpected value found in the field @id', { 'api:field': '@id', 'api:value': rawId, 'api:document': doc });
  }
  const kind = KINDS[rawType];
  if (!kind) throw fail('api:UnknownSchemaType', "The '@type' field referred to an unimplemented schema type.", { 'api:type': rawType });
  const id = contractSchema(ctx, expandSchema(ctx, rawId));
  if (id === 'JSONDocument' || id === 'sys:JSONDocument') {
    throw fail('api:DocumentInsertionReservedName', 'Document for class can not be inserted due to use of reserved name', { 'api:id': rawId });
  }
  const out: JsonObject = { '@type': kind, '@id': id };
  if (kind === 'Enum') {
    const values = doc['@value'];
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
      throw fail('api:InvalidEnumValues', 'Enum values are not valid', { 'api:document': doc });
    }
    out['@value'] = values;
  }
  for (const [k, v] of Object.entries(doc)) {
    if (k === '@type' || k === '@id' || (kind === 'Enum' && k === '@value')) continue;
    if (k.startsWith('@')) {
      if (!CLASS_KEYWORDS.has(k) || (kind === 'Enum' && !['@documentation', '@metadata'].includes(k))) {
        throw fail('api:AtPrefixedPropertiesNotSupported', `@-prefixed properties (${k}) are not supported`, { 'api:property': k });
      }
      continue;
    }
    if (kind === 'Enum' || kind === 'Foreign') continue;
    out[normalizeSchemaName(ctx, k)] = normalizeRange(ctx, k, v, doc);
  }
  if (kind === 'Class' || kind === 'TaggedUnion') normalizeClassKeywords(ctx, doc, out);
  if (doc['@documentation'] !== undefined) out['@documentation'] = normalizeDocumentation(doc['@documentation'], doc);
  if (doc['@metadata'] !== undefined) out['@metadata'] = doc['@metadata'];
  return { id, doc: out };
}

function normalizeClassKeywords(ctx: Context, doc: JsonObject, out: JsonObject): void {
  if (doc['@key'] !== undefined) out['@key'] = normalizeKey(doc['@key'], doc);
  if (typeof doc['@base'] === 'string') out['@base'] = doc['@base'];
  const inh = doc['@inherits'];
  if (inh !== undefined) {
    const list = (Array.isArray(inh) ? inh : [inh]).filter((x): x is string => typeof x === 'string').map((x) => normalizeSchemaName(ctx, x));
    const sorted = [...new Set(list)].sort();
    if (sorted.length === 1 && sorted[0] !== undefined) out['@inherits'] = sorted[0];
    else if (sorted.length > 1) out['@inherits'] = sorted;
  }
  for (const f of ['@abstract', '@subdocument', '@unfoldable', '@shared'] as const) {
    if (flag(doc[f])) out[f] = [];
  }
  if (flag(doc['@subdocument']) && out['@key'] === undefined) {
    throw fail('api:SubdocumentKeyMissing', 'Subdocument @key missing', { 'api:document': doc });
  }
  const oneOf = doc['@oneOf'];
  if (oneOf !== undefined) {
    const groups = (Array.isArray(oneOf) ? oneOf : [oneOf]).filter(isObject).map((g) => {
      const n: JsonObject = {};
      for (const [k, v] of Object.entries(g)) {
        if (k === '@id' || k === '@type') throw fail('api:ReservedKeywordUsed', `Reserved keyword ${k} used`, { 'api:keyword': k });
        n[normalizeSchemaName(ctx, k)] = normalizeRange(ctx, k, v, doc);
      }
      return n;
    });
    const first = groups[0];
    if (groups.length === 1 && first) out['@oneOf'] = first;
    else if (groups.length > 1) out['@oneOf'] = groups;
  }
}

/** Validates and normalises a submitted `@context` document. */
export { normalizeContextDoc } from './contextDoc.js';
