import type { Json } from '../types.js';

/** The outcome of applying a patch: the patched value, or the conflict structure. */
export type PatchResult = { readonly ok: true; readonly value: Json } | { readonly ok: false; readonly conflict: Json };

/** A list patch outcome; a conflict is an array aligned with the list (null = no conflict). */
export type ListResult =
  | { readonly ok: true; readonly value: Json[] }
  | { readonly ok: false; readonly conflict: Json };

/** Applies a patch to one value; `matchFinalState` as in {@link PatchResult} producers. */
export type PatchValue = (patch: Json, original: Json) => PatchResult;

/** `{"@op":"Conflict","@expected":..,"@found":..}`. */
export function conflict(expected: Json, found: Json): Json {
  return { '@op': 'Conflict', '@expected': expected, '@found': found };
}

/**
 * TerminusDB's `check_before_after/5`: `original` must equal `before` (or, with
 * `matchFinalState`, already equal `after`) for the value to become `after`.
 */
export function checkBeforeAfter(
  original: Json,
  before: Json,
  after: Json,
  matchFinalState: boolean,
  equal: (a: Json, b: Json) => boolean,
): PatchResult {
  if ((matchFinalState && equal(original, after)) || equal(original, before)) return { ok: true, value: after };
  return { ok: false, conflict: conflict(before, original) };
}
