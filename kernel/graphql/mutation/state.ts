import type { WriteOp, WritePlan } from '../../schema/index.js';

/** Commit metadata collected from `_commitInfo` (undefined: the caller's defaults). */
export interface CommitInfo {
  readonly author: string | undefined;
  readonly message: string | undefined;
}

/**
 * Writes one commit with the planned changes. Called once per mutation request, after every field
 * succeeded; throw (e.g. the store's HeadMovedError or an ApiError) to fail the request.
 */
export type CommitCallback = (plan: WritePlan, info: CommitInfo) => void | Promise<void>;

/** The write side of a mutation request, shared by its fields (one transaction, one commit). */
export interface MutationState {
  readonly ops: WriteOp[];
  plan: WritePlan | undefined;
  author: string | undefined;
  message: string | undefined;
  /** Schema-less database: instance data is not validated. */
  readonly schemaless: boolean;
}

/** A fresh mutation state. */
export function newMutationState(schemaless: boolean): MutationState {
  return { ops: [], plan: undefined, author: undefined, message: undefined, schemaless };
}
