import { jsonSize } from './json.js';
import { lcsSteps } from './lcs.js';
import type { LcsStep } from './lcs.js';
import type { Costed } from './costed.js';
import type { Json, JsonObject } from '../types.js';

interface Run {
  readonly step: LcsStep;
  readonly before: Json[];
  readonly after: Json[];
}

function runsOf(before: readonly Json[], after: readonly Json[]): Run[] {
  const runs: Run[] = [];
  let i = 0;
  let j = 0;
  for (const step of lcsSteps(before, after)) {
    let run = runs[runs.length - 1];
    if (run?.step !== step) {
      run = { step, before: [], after: [] };
      runs.push(run);
    }
    if (step !== 'inserted') run.before.push(before[i++]!);
    if (step !== 'deleted') run.after.push(after[j++]!);
  }
  return runs;
}

/** `{"@op":"KeepList"}`, carrying `@value` when `copy_value` is on. */
export function keepList(rest: readonly Json[], copyValue: boolean): JsonObject {
  return copyValue ? { '@op': 'KeepList', '@value': [...rest] } : { '@op': 'KeepList' };
}

/** `{"@op":"CopyList","@to":n,...}`, carrying `@value` when `copy_value` is on. */
export function copyList(copied: readonly Json[], rest: Json, copyValue: boolean): JsonObject {
  return copyValue
    ? { '@op': 'CopyList', '@to': copied.length, '@value': [...copied], '@rest': rest }
    : { '@op': 'CopyList', '@to': copied.length, '@rest': rest };
}

/** `{"@op":"SwapList",...}`. */
export function swapList(before: readonly Json[], after: readonly Json[], rest: Json): JsonObject {
  return { '@op': 'SwapList', '@before': [...before], '@after': [...after], '@rest': rest };
}

/**
 * TerminusDB's `lcs_list_diff/7`: the LCS edit script grouped into runs, each run one
 * CopyList (unchanged) or SwapList (inserted or deleted), ending in KeepList. Cost is
 * `patch_cost/2` of the result: KeepList 1, CopyList 1 + rest, SwapList sizes + 1 + rest.
 */
export function lcsListDiff(before: readonly Json[], after: readonly Json[], copyValue: boolean): Costed {
  const runs = runsOf(before, after);
  let diff: Json = keepList([], copyValue);
  let cost = 1;
  for (let k = runs.length - 1; k >= 0; k--) {
    const run = runs[k]!;
    const last = k === runs.length - 1;
    if (run.step === 'unchanged') {
      if (last) {
        diff = keepList(run.before, copyValue);
        cost = 1;
      } else {
        diff = copyList(run.before, diff, copyValue);
        cost += 1;
      }
    } else {
      diff = swapList(run.before, run.after, diff);
      cost += jsonSize(run.before) + jsonSize(run.after) + 1;
    }
  }
  return { diff, cost };
}
