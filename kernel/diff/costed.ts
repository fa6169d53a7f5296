import type { Json } from '../types.js';

/** A diff together with TerminusDB's cost estimate for it (lower wins). */
export interface Costed {
  readonly diff: Json;
  readonly cost: number;
}

/** Diff of two list elements; `undefined` when they are equal scalars (no diff exists). */
export type ElementDiff = (before: Json, after: Json) => Costed | undefined;
