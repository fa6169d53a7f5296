import { ApiError } from '../errors.js';
import type { Json, JsonObject } from '../types.js';

/**
 * 400 `api:ExplicitlyCopiedKeyError` (envelope `api:DiffErrorResponse`): a key listed in `keep`
 * differs between the two documents (or is missing on one side, reported as `null`).
 */
export function explicitlyCopiedKeyError(key: string, before: Json, after: Json): ApiError {
  const message =
    `The explicitly copied key '${key}' is not the same in both documents. ` +
    `Before: ${JSON.stringify(before)}, After${JSON.stringify(after)}`;
  return new ApiError(
    'api:failure',
    message,
    { '@type': 'api:ExplicitlyCopiedKeyError', 'api:key': key, 'api:before': before, 'api:after': after },
    { envelopeType: 'api:DiffErrorResponse' },
  );
}

/** The message TerminusDB puts on a 409 patch conflict. */
export const PATCH_CONFLICT_MESSAGE = 'The patch did not apply cleanly because of the attached conflicts';

/**
 * 409 `api:PatchResponse` with `api:error` `api:PatchConflict` listing one conflict object per
 * conflicting document (each with its `@id`), as `/api/patch/{path}` answers.
 */
export function patchConflictError(conflicts: readonly JsonObject[]): ApiError {
  return new ApiError(
    'api:conflict',
    PATCH_CONFLICT_MESSAGE,
    { '@type': 'api:PatchConflict', 'api:conflicts': [...conflicts] },
    { envelopeType: 'api:PatchResponse' },
  );
}

/**
 * 409 `api:ApplyError` for `/api/apply`: no `api:error`, the witnesses go in the envelope's
 * `api:witnesses`.
 */
export function applyConflictError(witnesses: readonly JsonObject[]): ApiError {
  return new ApiError('api:conflict', 'The apply did not apply cleanly because of the attached conflicts', undefined, {
    extra: { 'api:witnesses': [...witnesses] },
    envelopeType: 'api:ApplyError',
  });
}

/** 400 for a patch that is not a patch (unknown `@op`, malformed operation). */
export function badPatchError(message: string, patch: Json): ApiError {
  return new ApiError('api:failure', message, { '@type': 'api:BadPatch', 'api:patch': patch });
}
