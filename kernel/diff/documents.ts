import { ApiError, notFound } from '../errors.js';
import { diff, DEFAULT_KEEP } from './diff.js';
import type { DiffOptions } from './diff.js';
import { getOwn, isObject, jsonEqual, opOf } from './json.js';
import { patch } from './patch.js';
import type { Json, JsonObject } from '../types.js';

/**
 * Whole-document diff between two versions: `{"@op":"Insert","@insert":doc}` when the document
 * is new, `{"@op":"Delete","@delete":doc}` when it is gone, otherwise the object diff (with
 * `@id`, kept by the default `keep`); undefined when both are equal or both absent.
 */
export function diffDocuments(
  before: JsonObject | undefined,
  after: JsonObject | undefined,
  options: DiffOptions = {},
): JsonObject | undefined {
  if (before === undefined) return after === undefined ? undefined : { '@op': 'Insert', '@insert': after };
  if (after === undefined) return { '@op': 'Delete', '@delete': before };
  if (jsonEqual(before, after)) return undefined;
  const result = diff(before, after, { ...options, keep: options.keep ?? DEFAULT_KEEP });
  return isObject(result) ? result : { '@id': before['@id'] ?? null };
}

/** Options of {@link applyDocumentPatch}. */
export interface ApplyDocumentOptions {
  /** See {@link PatchOptions.matchFinalState}. Default true. */
  readonly matchFinalState?: boolean;
  /** Expands a (contracted) id for `@id_already_exists` / `@id_does_not_exists`. Default: identity. */
  readonly expandId?: (id: string) => string;
}

/** Result of {@link applyDocumentPatch}; `value` undefined means the document is deleted. */
export type DocumentPatchResult =
  | { readonly ok: true; readonly value: JsonObject | undefined }
  | { readonly ok: false; readonly conflict: JsonObject };

/**
 * Applies one document-level patch (TerminusDB `apply_diff/4`): an Insert (conflict
 * `{"@op":"InsertConflict","@id_already_exists":id}` when the document exists), a Delete
 * (`{"@op":"DeleteConflict","@id_does_not_exists":id}` when it does not), or an object patch
 * with `@id` (404 `api:DocumentNotFound` when absent; conflicts as `{"@id":id, <key>:
 * <conflict>...}`, the shape of `api:conflicts` entries). Null-valued properties of the
 * patched document are dropped (TerminusDB stores null as absent).
 */
export function applyDocumentPatch(
  current: JsonObject | undefined,
  documentPatch: JsonObject,
  options: ApplyDocumentOptions = {},
): DocumentPatchResult {
  const expand = options.expandId ?? ((id: string) => id);
  const op = opOf(documentPatch);
  const inserted = getOwn(documentPatch, '@insert');
  const deleted = getOwn(documentPatch, '@delete');
  if (op === 'Insert' || (op === undefined && inserted !== undefined)) {
    if (!isObject(inserted)) throw missingField('@insert', documentPatch);
    if (current !== undefined) {
      return { ok: false, conflict: { '@op': 'InsertConflict', '@id_already_exists': expand(idOf(inserted, current)) } };
    }
    return { ok: true, value: inserted };
  }
  if (op === 'Delete' || (op === undefined && deleted !== undefined)) {
    const id = typeof deleted === 'string' ? deleted : isObject(deleted) ? getOwn(deleted, '@id') : undefined;
    if (typeof id !== 'string') throw missingField('@id', documentPatch);
    if (current === undefined) return { ok: false, conflict: { '@op': 'DeleteConflict', '@id_does_not_exists': expand(id) } };
    return { ok: true, value: undefined };
  }
  const id = getOwn(documentPatch, '@id');
  if (typeof id !== 'string') throw missingField('@id', documentPatch);
  if (current === undefined) {
    throw notFound('api:DocumentNotFound', `Document not found: '${id}'`, { 'api:document_id': id });
  }
  const result = patch(current, documentPatch, { matchFinalState: options.matchFinalState ?? true });
  if (!result.ok) return { ok: false, conflict: { '@id': id, ...(result.conflict as JsonObject) } };
  return { ok: true, value: dropNulls(result.value) as JsonObject };
}

function idOf(doc: JsonObject, fallback: JsonObject): string {
  const id = getOwn(doc, '@id') ?? getOwn(fallback, '@id');
  return typeof id === 'string' ? id : '';
}

function missingField(field: string, document: JsonObject): ApiError {
  return new ApiError('api:failure', `Missing field: ${field}`, {
    '@type': 'api:MissingField',
    'api:field': field,
    'api:document': document,
  });
}

function dropNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNulls(v);
  return out;
}
