import { ApiError, badRequest } from '../errors.js';
import { DEFAULT_KEEP } from './diff.js';
import { isObject } from './json.js';
import type { Json, JsonObject } from '../types.js';

/** The field combinations `/api/diff` accepts, as TerminusDB lists them in `api:expected`. */
export const DIFF_FIELD_CHOICES: readonly (readonly string[])[] = [
  ['before', 'after'],
  ['before_data_version', 'after_data_version'],
  ['before_data_version', 'after_data_version', 'document_id'],
  ['before_data_version', 'after', 'document_id'],
];

interface DiffCommon {
  /** `keep` of the body, default `{"@id":true,"_id":true}`. */
  readonly keep: JsonObject;
  /** `copy_value` of the body, default false. */
  readonly copyValue: boolean;
}

/** A validated `/api/diff` body, one variant per field choice. */
export type DiffRequest = DiffCommon &
  (
    | { readonly kind: 'values'; readonly before: Json; readonly after: Json }
    | { readonly kind: 'document'; readonly beforeVersion: string; readonly afterVersion: string; readonly documentId: string }
    | { readonly kind: 'submitted'; readonly beforeVersion: string; readonly after: JsonObject; readonly documentId: string }
    | {
        readonly kind: 'versions';
        readonly beforeVersion: string;
        readonly afterVersion: string;
        readonly start?: number;
        readonly count?: number;
      }
  );

/**
 * Validates a `/api/diff` body. Throws 400 `api:RequiredFieldsChoiceMissing` (envelope
 * `api:BadAPIDocumentErrorResponse`) when no field choice matches, 400 `api:BadParameterType`
 * for ill-typed fields.
 */
export function parseDiffRequest(body: Json): DiffRequest {
  if (!isObject(body)) throw requiredFieldsChoiceMissing(body);
  const has = (k: string): boolean => Object.hasOwn(body, k) && body[k] !== undefined;
  const keep = has('keep') ? body['keep'] : DEFAULT_KEEP;
  if (!isObject(keep)) throw badParameterType('keep', 'object');
  const copy = has('copy_value') ? body['copy_value'] : false;
  if (typeof copy !== 'boolean') throw badParameterType('copy_value', 'boolean');
  const common: DiffCommon = { keep, copyValue: copy };
  if (has('before') && has('after')) return { ...common, kind: 'values', before: body['before']!, after: body['after']! };
  if (!has('before_data_version')) throw requiredFieldsChoiceMissing(body);
  const beforeVersion = str(body, 'before_data_version');
  if (has('after_data_version')) {
    const afterVersion = str(body, 'after_data_version');
    if (has('document_id')) {
      return { ...common, kind: 'document', beforeVersion, afterVersion, documentId: str(body, 'document_id') };
    }
    return {
      ...common,
      kind: 'versions',
      beforeVersion,
      afterVersion,
      ...optionalInt(body, 'start', 'start'),
      ...optionalInt(body, 'count', 'count'),
    };
  }
  if (has('after') && has('document_id')) {
    const after = body['after'];
    if (!isObject(after)) throw badParameterType('after', 'object');
    return { ...common, kind: 'submitted', beforeVersion, after, documentId: str(body, 'document_id') };
  }
  throw requiredFieldsChoiceMissing(body);
}

/** 400 `api:RequiredFieldsChoiceMissing` listing {@link DIFF_FIELD_CHOICES}. */
export function requiredFieldsChoiceMissing(document: Json): ApiError {
  return new ApiError(
    'api:failure',
    'The request document is missing one of the required choices of fields',
    {
      '@type': 'api:RequiredFieldsChoiceMissing',
      'api:expected': DIFF_FIELD_CHOICES.map((c) => [...c]),
      'api:document': document,
    },
    { envelopeType: 'api:BadAPIDocumentErrorResponse' },
  );
}

function badParameterType(parameter: string, expected: string): ApiError {
  return badRequest('api:BadParameterType', `Expected a ${expected} for parameter: ${parameter}`, {
    'api:parameter': parameter,
    'api:expected_type': expected,
  });
}

function str(body: JsonObject, key: string): string {
  const v = body[key];
  if (typeof v !== 'string') throw badParameterType(key, 'string');
  return v;
}

function optionalInt<K extends 'start' | 'count'>(body: JsonObject, key: string, name: K): { [P in K]?: number } {
  const v = body[key];
  if (v === undefined || v === null) return {};
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw badParameterType(key, 'integer');
  return { [name]: v } as { [P in K]?: number };
}
