import { expect } from 'vitest';
import type { Json, JsonObject } from '../../types.js';
import { ApiError } from '../../errors.js';
import { planWrite } from '../index.js';
import type { WriteOp } from '../index.js';
import { FakeSnapshot } from './fakeSnapshot.js';

let counter = 0;
/** Deterministic "random" ids for tests. */
export const random = (): string => `r${String(++counter).padStart(15, '0')}`;

export function write(snap: FakeSnapshot, ops: WriteOp[], schemaless = false): { snap: FakeSnapshot; results: string[][] } {
  const plan = planWrite(snap, ops, { schemaless, random });
  return { snap: snap.apply(plan), results: plan.results };
}

export function schema(snap: FakeSnapshot, docs: Json[]): FakeSnapshot {
  return write(snap, [{ kind: 'insert', graph: 'schema', docs }]).snap;
}

export function insert(snap: FakeSnapshot, docs: Json[]): { snap: FakeSnapshot; ids: string[] } {
  const r = write(snap, [{ kind: 'insert', graph: 'instance', docs }]);
  return { snap: r.snap, ids: r.results[0] ?? [] };
}

/** Runs `f`, expects an ApiError and returns its `api:error` object. */
export function apiError(f: () => unknown): { status: string; error: JsonObject } {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, error: e.error ?? {} };
    throw e;
  }
  expect.fail('expected an ApiError');
  return { status: '', error: {} };
}

export { FakeSnapshot };
