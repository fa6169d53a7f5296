import { badPatchError } from './errors.js';
import { getOwn, isObject, jsonEqual, opOf } from './json.js';
import { isListOp, patchElements, patchList } from './listPatch.js';
import { checkBeforeAfter, conflict } from './result.js';
import type { PatchResult } from './result.js';
import type { Json, JsonObject } from '../types.js';

/** Options of {@link patch}. */
export interface PatchOptions {
  /**
   * A SwapValue (or a copied value) whose `@after` already holds is not a conflict.
   * Default true, as on `/api/patch`.
   */
  readonly matchFinalState?: boolean;
}

/**
 * TerminusDB's `simple_patch/4`: applies `patchJson` to `before`. Keys absent from the patch
 * are copied; a plain (non-operation) value in the patch must equal the current value; on any
 * conflict the result is the conflict structure, which mirrors the patch and holds
 * `{"@op":"Conflict","@expected":..,"@found":..}` at each conflicting place (only conflicting
 * keys of objects; `null` at non-conflicting list positions).
 */
export function patch(before: Json, patchJson: Json, options: PatchOptions = {}): PatchResult {
  const matchFinalState = options.matchFinalState ?? true;
  const apply = (p: Json, original: Json): PatchResult => patchValue(p, original, matchFinalState, apply);
  return apply(patchJson, before);
}

function patchValue(
  p: Json,
  original: Json,
  matchFinalState: boolean,
  apply: (p: Json, original: Json) => PatchResult,
): PatchResult {
  const op = opOf(p);
  if (op !== undefined && isObject(p)) {
    if (op === 'SwapValue') {
      return checkBeforeAfter(original, getOwn(p, '@before') ?? null, getOwn(p, '@after') ?? null, matchFinalState, jsonEqual);
    }
    if (op === 'ForceValue') return { ok: true, value: getOwn(p, '@after') ?? null };
    if (isListOp(op)) {
      const list = original === null ? [] : original;
      if (!Array.isArray(list)) return { ok: false, conflict: conflict(p, original) };
      const result = patchList(p, list, apply, matchFinalState);
      return result.ok ? { ok: true, value: result.value } : { ok: false, conflict: result.conflict };
    }
    throw badPatchError(`Unknown patch operation ${JSON.stringify(op)}`, p);
  }
  if (Array.isArray(p)) {
    if (!Array.isArray(original) || original.length !== p.length) return { ok: false, conflict: conflict(p, original) };
    const result = patchElements(p, original, apply);
    return result.ok ? { ok: true, value: result.value } : { ok: false, conflict: result.conflict };
  }
  if (isObject(p) && isObject(original)) return patchObject(p, original, apply);
  // A plain value (e.g. a key copied by `keep`) is a read-state check that keeps the value.
  return checkBeforeAfter(original, p, original, matchFinalState, jsonEqual);
}

function patchObject(p: JsonObject, original: JsonObject, apply: (p: Json, original: Json) => PatchResult): PatchResult {
  const keys = [...Object.keys(original), ...Object.keys(p).filter((k) => !Object.hasOwn(original, k))];
  const value: JsonObject = {};
  const conflicts: JsonObject = {};
  let ok = true;
  for (const key of keys) {
    const sub = getOwn(p, key);
    if (sub === undefined) {
      value[key] = original[key] ?? null;
      continue;
    }
    const result = apply(sub, getOwn(original, key) ?? null);
    if (result.ok) {
      value[key] = result.value;
    } else {
      ok = false;
      conflicts[key] = result.conflict;
    }
  }
  return ok ? { ok: true, value } : { ok: false, conflict: conflicts };
}
