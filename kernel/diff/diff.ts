import { explicitlyCopiedKeyError } from './errors.js';
import { getOwn, isObject, jsonEqual, opOf } from './json.js';
import { deepListDiff } from './deepListDiff.js';
import { lcsListDiff } from './lcsListDiff.js';
import type { Costed } from './costed.js';
import type { Json, JsonObject } from '../types.js';

/** Options of {@link diff}. */
export interface DiffOptions {
  /**
   * Keys copied verbatim into the diff; they must be equal on both sides, else
   * `api:ExplicitlyCopiedKeyError`. `true` copies the key; a nested object applies to the
   * value under that key. Default `{"@id":true,"_id":true}` (top level only).
   */
  readonly keep?: JsonObject;
  /** Add `@value` (the copied elements) to CopyList and KeepList. Default false. */
  readonly copyValue?: boolean;
}

/** The `keep` TerminusDB applies when none is given. */
export const DEFAULT_KEEP: JsonObject = { '@id': true, _id: true };

/**
 * TerminusDB's JSON diff (`simple_diff/4`): a patch taking `before` to `after`. Equal scalars
 * give `{}`; different scalars or values of different shapes give a SwapValue; objects give an
 * object of per-key diffs; lists give the cheaper of the LCS diff and the deep list diff.
 */
export function diff(before: Json, after: Json, options: DiffOptions = {}): Json {
  const result = diffValue(before, after, options.keep ?? DEFAULT_KEEP, options.copyValue ?? false);
  return result === undefined ? {} : result.diff;
}

/** The diff with its cost, or undefined when there is nothing to change. */
export function diffValue(before: Json, after: Json, keep: JsonObject, copyValue: boolean): Costed | undefined {
  if (isObject(before) && isObject(after)) return diffObject(before, after, keep, copyValue);
  if (Array.isArray(before) && Array.isArray(after)) return diffList(before, after, keep, copyValue);
  if (jsonEqual(before, after)) return undefined;
  return { diff: swapValue(before, after), cost: 1 };
}

function swapValue(before: Json, after: Json): JsonObject {
  return { '@op': 'SwapValue', '@before': before, '@after': after };
}

function diffObject(before: JsonObject, after: JsonObject, keep: JsonObject, copyValue: boolean): Costed {
  const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !Object.hasOwn(before, k))];
  const out: JsonObject = {};
  let cost = 0;
  for (const key of keys) {
    const b = getOwn(before, key);
    const a = getOwn(after, key);
    const subKeep = getOwn(keep, key);
    if (subKeep === true) {
      if (b === undefined || a === undefined || !jsonEqual(b, a)) {
        throw explicitlyCopiedKeyError(key, b ?? null, a ?? null);
      }
      out[key] = b;
    } else if (b !== undefined && a !== undefined) {
      const sub = diffValue(b, a, isObject(subKeep) ? subKeep : {}, copyValue);
      if (sub === undefined) continue;
      cost += sub.cost;
      // A bare KeepList means "unchanged list" and is dropped (diff.pl simple_key_diff).
      if (opOf(sub.diff) === 'KeepList' && Object.keys(sub.diff as JsonObject).length === 1) continue;
      out[key] = sub.diff;
    } else {
      out[key] = b !== undefined ? swapValue(b, null) : swapValue(null, a ?? null);
      cost += 1;
    }
  }
  return { diff: out, cost };
}

function diffList(before: Json[], after: Json[], keep: JsonObject, copyValue: boolean): Costed {
  const lcs = lcsListDiff(before, after, copyValue);
  const deep = deepListDiff(before, after, (b, a) => diffValue(b, a, keep, copyValue), copyValue);
  return deep !== undefined && deep.cost < lcs.cost ? deep : lcs;
}
