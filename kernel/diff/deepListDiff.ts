import { jsonEqual, jsonSize } from './json.js';
import { copyList, keepList, swapList } from './lcsListDiff.js';
import type { Costed, ElementDiff } from './costed.js';
import type { Json, JsonObject } from '../types.js';

/** Lists whose length product exceeds this skip the deep search (TerminusDB caps it at 10 s). */
export const DEEP_LIST_LIMIT = 10_000;

type Choice =
  | { readonly kind: 'keep' | 'swapAll' | 'elementwise' }
  | { readonly kind: 'copy' | 'patch'; readonly n: number }
  | { readonly kind: 'swap'; readonly i: number; readonly j: number };

interface State {
  readonly cost: number;
  readonly choice: Choice;
}

/**
 * TerminusDB's `deep_list_diff_/7` as a dynamic programme over suffix pairs. A suffix pair is
 * first tried whole (KeepList, a one-sided SwapList, or an element-wise list diff); only when
 * that is impossible is it split into a prefix (CopyList, one-sided SwapList or PatchList) and
 * a recursively diffed rest. Split points are tried longest-first and the first cheapest wins,
 * like the Prolog search order. Returns undefined for lists too large to search.
 */
export function deepListDiff(
  before: readonly Json[],
  after: readonly Json[],
  elementDiff: ElementDiff,
  copyValue: boolean,
): Costed | undefined {
  const n = before.length;
  const m = after.length;
  if (n * m > DEEP_LIST_LIMIT) return undefined;
  const sizeB = prefixSizes(before);
  const sizeA = prefixSizes(after);
  const pairs = new Map<number, Costed | undefined>();
  const pair = (i: number, j: number): Costed | undefined => {
    const key = i * (m + 1) + j;
    if (!pairs.has(key)) pairs.set(key, elementDiff(before[i]!, after[j]!));
    return pairs.get(key);
  };
  const memo = new Map<number, State>();

  const solve = (i: number, j: number): State => {
    const key = i * (m + 1) + j;
    const known = memo.get(key);
    if (known) return known;
    const state = solveBase(i, j) ?? solveSplit(i, j);
    memo.set(key, state);
    return state;
  };

  /** Element-wise cost of the equal-length prefixes of length k (Infinity if impossible). */
  const elementwise = (i: number, j: number, k: number): { equal: boolean[]; cost: number[] } => {
    const equal = [true];
    const cost = [0];
    for (let x = 1; x <= k; x++) {
      equal.push(equal[x - 1]! && jsonEqual(before[i + x - 1], after[j + x - 1]));
      const d = pair(i + x - 1, j + x - 1);
      cost.push(d === undefined ? Infinity : cost[x - 1]! + d.cost);
    }
    return { equal, cost };
  };

  const solveBase = (i: number, j: number): State | undefined => {
    const nb = n - i;
    const na = m - j;
    if (nb === na) {
      const { equal, cost } = elementwise(i, j, nb);
      if (equal[nb]) return { cost: 1, choice: { kind: 'keep' } };
      if (cost[nb]! < Infinity) return { cost: cost[nb]!, choice: { kind: 'elementwise' } };
      return undefined;
    }
    if (nb === 0) return { cost: sizeA[m]! - sizeA[j]! + 1, choice: { kind: 'swapAll' } };
    if (na === 0) return { cost: sizeB[n]! - sizeB[i]! + 1, choice: { kind: 'swapAll' } };
    return undefined;
  };

  const solveSplit = (i: number, j: number): State => {
    const nb = n - i;
    const na = m - j;
    const { equal, cost } = elementwise(i, j, Math.min(nb, na));
    let best: State = { cost: Infinity, choice: { kind: 'keep' } };
    const consider = (c: number, choice: Choice): void => {
      if (c < best.cost) best = { cost: c, choice };
    };
    for (let bi = nb; bi >= 0; bi--) {
      const js = bi === 0 ? range(na, 1) : bi <= na ? [bi, 0] : [0];
      for (const aj of js) {
        if (bi === nb && aj === na) continue;
        if (bi === aj && equal[bi]) {
          consider(1 + solve(i + bi, j + aj).cost, { kind: 'copy', n: bi });
        } else if (bi === 0 || aj === 0) {
          const size = bi === 0 ? sizeA[j + aj]! - sizeA[j]! : sizeB[i + bi]! - sizeB[i]!;
          consider(size + 3 + solve(i + bi, j + aj).cost, { kind: 'swap', i: bi, j: aj });
        } else if (bi === aj && cost[bi]! < Infinity) {
          consider(cost[bi]! + 2 + solve(i + bi, j + aj).cost, { kind: 'patch', n: bi });
        }
      }
    }
    return best;
  };

  const elements = (i: number, j: number, k: number): Json[] =>
    range(k - 1, 0).reverse().map((x) => pair(i + x, j + x)!.diff);

  const build = (i: number, j: number, rest: boolean): Json => {
    const { choice } = solve(i, j);
    switch (choice.kind) {
      case 'keep':
        return keepList(before.slice(i), copyValue);
      case 'swapAll':
        return swapList(before.slice(i), after.slice(j), keepList([], copyValue));
      case 'elementwise': {
        const list = elements(i, j, n - i);
        return rest ? patchList(list, keepList([], copyValue)) : list;
      }
      case 'copy':
        return copyList(before.slice(i, i + choice.n), build(i + choice.n, j + choice.n, true), copyValue);
      case 'patch':
        return patchList(elements(i, j, choice.n), build(i + choice.n, j + choice.n, true));
      case 'swap':
        return swapList(
          before.slice(i, i + choice.i),
          after.slice(j, j + choice.j),
          build(i + choice.i, j + choice.j, true),
        );
    }
  };

  return { diff: build(0, 0, false), cost: solve(0, 0).cost };
}

function patchList(patch: Json[], rest: Json): JsonObject {
  return { '@op': 'PatchList', '@patch': patch, '@rest': rest };
}

/** Integers from `from` down to `to` inclusive (empty when from < to). */
function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let x = from; x >= to; x--) out.push(x);
  return out;
}

/** sizes[k] = sum of (json_size + 1) of the first k elements. */
function prefixSizes(list: readonly Json[]): number[] {
  const sizes = [0];
  for (const v of list) sizes.push(sizes[sizes.length - 1]! + jsonSize(v) + 1);
  return sizes;
}
