import type { Json } from '../types.js';
import { canonicalJson } from './ids.js';

function compare(a: Json, b: Json): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = canonicalJson(a);
  const y = canonicalJson(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A Set's stored form: deduplicated, in canonical order. */
export function sortSet(items: readonly Json[]): Json[] {
  const seen = new Set<string>();
  const out: Json[] = [];
  for (const v of items) {
    const key = canonicalJson(v);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out.sort(compare);
}
