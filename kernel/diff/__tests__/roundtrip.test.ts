import { describe, expect, it } from 'vitest';
import { diff, patch } from '../index.js';
import type { Json, JsonObject } from '../../types.js';

/** Deterministic PRNG (mulberry32) so failures reproduce; the seed is printed on failure. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomJson(next: () => number, depth: number, inList = false): Json {
  const r = next();
  const scalars: Json[] = ['a', 'b', 'c', 1, 2, true, false];
  if (inList) scalars.push(null);
  if (depth <= 0 || r < 0.45) return scalars[Math.floor(next() * scalars.length)]!;
  if (r < 0.75) return Array.from({ length: Math.floor(next() * 6) }, () => randomJson(next, depth - 1, true));
  const obj: JsonObject = {};
  for (const key of ['x', 'y', 'z', 'w']) if (next() < 0.6) obj[key] = randomJson(next, depth - 1);
  return obj;
}

/** Mutates a value a little, so that before/after pairs share structure. */
function mutate(next: () => number, value: Json, depth: number): Json {
  if (next() < 0.15) return randomJson(next, depth);
  if (Array.isArray(value)) {
    const out = value.map((v) => (next() < 0.3 ? mutate(next, v, depth - 1) : v));
    if (next() < 0.4) out.splice(Math.floor(next() * (out.length + 1)), 0, randomJson(next, depth - 1, true));
    if (next() < 0.3 && out.length > 0) out.splice(Math.floor(next() * out.length), 1);
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (next() < 0.1) continue;
      out[k] = next() < 0.4 ? mutate(next, v, depth - 1) : v;
    }
    if (next() < 0.3) out['n'] = randomJson(next, depth - 1);
    return out;
  }
  return value;
}

/** TerminusDB's patch leaves a dropped key as `null`; compare modulo null-valued keys. */
function stripNullKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripNullKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, stripNullKeys(v)]),
  );
}

describe('diff/patch round trip', () => {
  it('patch(before, diff(before, after)) equals after for many random pairs', () => {
    for (let seed = 1; seed <= 1500; seed++) {
      const next = rng(seed);
      const before = randomJson(next, 4);
      const after = next() < 0.7 ? mutate(next, before, 4) : randomJson(next, 4);
      for (const copyValue of [false, true]) {
        const d = diff(before, after, { keep: {}, copyValue });
        const result = patch(before, d);
        expect({ seed, ok: result.ok }).toEqual({ seed, ok: true });
        if (result.ok) expect({ seed, value: stripNullKeys(result.value) }).toEqual({ seed, value: stripNullKeys(after) });
      }
    }
  });

  it('patching with the diff is also clean without match_final_state', () => {
    for (let seed = 2001; seed <= 2300; seed++) {
      const next = rng(seed);
      const before = randomJson(next, 4);
      const after = mutate(next, before, 4);
      // Equal scalars diff to `{}`, which TerminusDB only accepts on a scalar with match_final_state.
      if (typeof after !== 'object' && after === before) continue;
      const result = patch(before, diff(before, after, { keep: {} }), { matchFinalState: false });
      expect({ seed, ok: result.ok }).toEqual({ seed, ok: true });
    }
  });
});
