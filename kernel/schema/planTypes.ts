import type { DocChange, GraphType, Json, JsonObject } from '../types.js';

/** One write operation of a request (§4.4–4.6). `docs` is the parsed, flattened body. */
export type WriteOp =
  | {
      kind: 'insert';
      graph: GraphType;
      docs: readonly Json[];
      fullReplace?: boolean;
      rawJson?: boolean;
      overwrite?: boolean;
      mergeRepeats?: boolean;
    }
  | { kind: 'replace'; graph: GraphType; docs: readonly Json[]; create?: boolean; rawJson?: boolean; mergeRepeats?: boolean }
  | { kind: 'delete'; graph: GraphType; nuke?: boolean; ids?: readonly string[]; type?: string };

/** Everything one commit writes. */
export interface WritePlan {
  /** Per op: the ids the HTTP response lists (full IRIs for instances, class ids for schema). */
  results: string[][];
  changes: DocChange[];
  context?: JsonObject;
  clearGraphs?: GraphType[];
}

/** Options of `planWrite`. */
export interface PlanOptions {
  /** Schema-less branch: instance data is not validated against the schema (§7.7). */
  schemaless: boolean;
  /** Random id part generator (16 chars); defaults to crypto randomness. */
  random?: () => string;
}
