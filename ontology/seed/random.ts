/** A deterministic pseudo-random source (mulberry32); the same seed always gives the same sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `k` distinct elements (fewer if the list is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[];
  /** `length` characters from `A-Z a-z 0-9 - _`, like TerminusDB's Random keys. */
  token(length: number): string;
}

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Creates a seeded random source. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  };
  const sample = <T>(items: readonly T[], k: number): T[] => {
    const copy = [...items];
    const take = Math.min(Math.max(0, k), copy.length);
    for (let i = 0; i < take; i++) {
      const j = int(i, copy.length - 1);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, take);
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    sample,
    token: (length) => Array.from({ length }, () => pick([...TOKEN_CHARS])).join(''),
  };
}
