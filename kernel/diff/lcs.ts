import { jsonEqual } from './json.js';
import type { Json } from '../types.js';

/** One step of an LCS edit script. */
export type LcsStep = 'unchanged' | 'inserted' | 'deleted';

/**
 * The edit script TerminusDB gets from the Rust `lcs` crate (`LcsTable::diff`): a
 * longest-common-subsequence table walked back from the end, preferring an insertion only when
 * it keeps a strictly longer subsequence, otherwise a deletion.
 */
export function lcsSteps(before: readonly Json[], after: readonly Json[]): LcsStep[] {
  const n = before.length;
  const m = after.length;
  const eq: boolean[][] = before.map((b) => after.map((a) => jsonEqual(b, a)));
  const len: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      len[i + 1]![j + 1] = eq[i]![j]
        ? len[i]![j]! + 1
        : Math.max(len[i + 1]![j]!, len[i]![j + 1]!);
    }
  }
  const steps: LcsStep[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i === 0) {
      steps.push('inserted');
      j--;
    } else if (j === 0) {
      steps.push('deleted');
      i--;
    } else if (eq[i - 1]![j - 1]) {
      steps.push('unchanged');
      i--;
      j--;
    } else if (len[i]![j - 1]! > len[i - 1]![j]!) {
      steps.push('inserted');
      j--;
    } else {
      steps.push('deleted');
      i--;
    }
  }
  return steps.reverse();
}
