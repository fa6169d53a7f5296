import type { GraphQLError } from 'graphql/index.js';
import type { Caller } from '../auth/verifyToken.js';
import type { PreparedOperation } from '../execution/prepareDocument.js';

/** An operation about to be planned. */
export interface OperationInfo {
  readonly prepared: PreparedOperation;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly caller: Caller;
  readonly clientName: string | undefined;
}

/** How an operation ended. */
export interface OperationOutcome {
  readonly errors: readonly GraphQLError[];
  readonly durationMs: number;
}

/** What an `onOperation` hook may return: errors refuse the operation; a function is its "after" hook. */
export type OperationHookResult = readonly GraphQLError[] | ((outcome: OperationOutcome) => void) | void;

/** A router extension point, made by a `use<Thing>(options)` function. */
export interface RouterPlugin {
  readonly name: string;
  /** Runs before planning, in plugin order; the first that returns errors refuses the operation. */
  onOperation?(op: OperationInfo): OperationHookResult;
  /** Releases what the plugin holds (flush files, stop timers). */
  close?(): Promise<void>;
}
