import { badPatchError } from './errors.js';
import { jsonEqual, opOf } from './json.js';
import { checkBeforeAfter, conflict } from './result.js';
import type { ListResult, PatchValue } from './result.js';
import type { Json, JsonObject } from '../types.js';

const LIST_OPS = new Set(['CopyList', 'SwapList', 'PatchList', 'KeepList']);

/** True for the `@op`s that operate on a list. */
export function isListOp(op: string): boolean {
  return LIST_OPS.has(op);
}

/**
 * Applies one list operation (TerminusDB `simple_op_diff_value/5` for CopyList, SwapList,
 * PatchList, KeepList). Conflicts come back as an array aligned with the list, `null` where
 * nothing conflicts; a list too short for the operation conflicts as a whole
 * (`{"@op":"Conflict","@expected":<operation>,"@found":<list>}`).
 */
export function patchList(op: JsonObject, list: Json[], patchValue: PatchValue, matchFinalState: boolean): ListResult {
  switch (opOf(op)) {
    case 'KeepList':
      return { ok: true, value: list };
    case 'CopyList': {
      const to = op['@to'];
      if (typeof to !== 'number' || !Number.isInteger(to) || to < 0) throw badPatchError('CopyList needs an integer @to', op);
      if (list.length < to) return { ok: false, conflict: conflict(op, list) };
      const rest = patchRest(op, list.slice(to), patchValue, matchFinalState);
      return append({ ok: true, value: list.slice(0, to) }, rest);
    }
    case 'SwapList': {
      const before = op['@before'];
      const after = op['@after'];
      if (!Array.isArray(before) || !Array.isArray(after)) throw badPatchError('SwapList needs @before and @after lists', op);
      const prefix = swapPrefix(list.slice(0, before.length), before, after, matchFinalState);
      return append(prefix, patchRest(op, list.slice(before.length), patchValue, matchFinalState));
    }
    case 'PatchList': {
      const patches = op['@patch'];
      if (!Array.isArray(patches)) throw badPatchError('PatchList needs a @patch list', op);
      if (list.length < patches.length) return { ok: false, conflict: conflict(op, list) };
      const prefix = patchElements(patches, list.slice(0, patches.length), patchValue);
      return append(prefix, patchRest(op, list.slice(patches.length), patchValue, matchFinalState));
    }
    default:
      throw badPatchError(`Unknown list operation ${JSON.stringify(op['@op'])}`, op);
  }
}

/** Element-wise patch of a list by a list of patches of the same length. */
export function patchElements(patches: readonly Json[], list: readonly Json[], patchValue: PatchValue): ListResult {
  const results = patches.map((p, k) => patchValue(p, list[k] ?? null));
  if (results.every((r) => r.ok)) return { ok: true, value: results.map((r) => (r.ok ? r.value : null)) };
  return { ok: false, conflict: results.map((r) => (r.ok ? null : r.conflict)) };
}

function patchRest(op: JsonObject, rest: Json[], patchValue: PatchValue, matchFinalState: boolean): ListResult {
  const next = op['@rest'];
  if (next === undefined) return { ok: true, value: rest };
  if (Array.isArray(next)) {
    if (next.length !== rest.length) return { ok: false, conflict: conflict(next, rest) };
    return patchElements(next, rest, patchValue);
  }
  if (typeof next === 'object' && next !== null) return patchList(next, rest, patchValue, matchFinalState);
  throw badPatchError('@rest must be a list operation', op);
}

function swapPrefix(prefix: Json[], before: Json[], after: Json[], matchFinalState: boolean): ListResult {
  if (before.length === after.length && prefix.length === before.length) {
    const results = prefix.map((o, k) => checkBeforeAfter(o, before[k]!, after[k]!, matchFinalState, jsonEqual));
    if (results.every((r) => r.ok)) return { ok: true, value: after };
    return { ok: false, conflict: results.map((r) => (r.ok ? null : r.conflict)) };
  }
  if (jsonEqual(prefix, before)) return { ok: true, value: after };
  return {
    ok: false,
    conflict: before.map((b, k) => (k < prefix.length && jsonEqual(prefix[k], b) ? null : conflict(b, prefix[k] ?? null))),
  };
}

/** TerminusDB's `append_results/3`: successes count as `null` entries next to conflicts. */
function append(first: ListResult, second: ListResult): ListResult {
  if (first.ok && second.ok) return { ok: true, value: [...first.value, ...second.value] };
  const a = first.ok ? first.value.map(() => null) : first.conflict;
  const b = second.ok ? second.value.map(() => null) : second.conflict;
  if (!Array.isArray(a)) return { ok: false, conflict: a };
  if (!Array.isArray(b)) return { ok: false, conflict: b };
  return { ok: false, conflict: [...a, ...b] };
}
