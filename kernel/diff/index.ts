/**
 * TerminusDB-compatible JSON diff and patch (`diff.pl`, `patch.pl`, `apply.pl`). Pure
 * functions, no I/O; see README.md.
 */
export { diff, DEFAULT_KEEP } from './diff.js';
export type { DiffOptions } from './diff.js';
export { patch } from './patch.js';
export type { PatchOptions } from './patch.js';
export type { PatchResult } from './result.js';
export { diffDocuments, applyDocumentPatch } from './documents.js';
export type { ApplyDocumentOptions, DocumentPatchResult } from './documents.js';
export { parseDiffRequest, requiredFieldsChoiceMissing, DIFF_FIELD_CHOICES } from './requests.js';
export type { DiffRequest } from './requests.js';
export {
  explicitlyCopiedKeyError,
  patchConflictError,
  applyConflictError,
  badPatchError,
  PATCH_CONFLICT_MESSAGE,
} from './errors.js';
export { jsonEqual } from './json.js';
