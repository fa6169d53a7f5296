import type { InvalidDocument } from '../lib/index.js';
import type { CompositionProblem } from '../router/index.js';
import type { Diagnostic } from '../ontology/index.js';

/** How bad a schema change is for clients (graphql-inspector's criticality). */
export type ChangeLevel = 'breaking' | 'dangerous' | 'safe';

/** Where a client operation was found. */
export type OperationSource =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'manifest'; readonly file: string; readonly hash: string }
  | { readonly kind: 'recorded'; readonly file: string; readonly signature: string; readonly clients: Readonly<Record<string, number>>; readonly count: number; readonly lastSeen: string };

/** A client operation that a change touches (sources with the same type and name are merged). */
export interface AffectedOperation {
  /** Operation name; `null` for anonymous operations. */
  readonly name: string | null;
  readonly type: string;
  /** `uses`: the document selects/passes what changes; `may-use`: only reachable through variable values. */
  readonly usage: 'uses' | 'may-use';
  /** Requests per client name, from the router's records (empty when never recorded). */
  readonly clients: Readonly<Record<string, number>>;
  /** Total recorded requests. */
  readonly requests: number;
  /** Files, manifest hashes and records it came from. */
  readonly sources: readonly OperationSource[];
}

/** One schema change between the baseline and the working tree API schema. */
export interface SchemaChange {
  readonly level: ChangeLevel;
  /** graphql-inspector change type, e.g. `FIELD_REMOVED`. */
  readonly type: string;
  readonly message: string;
  /** Schema coordinate (`Type`, `Type.field`, `Type.field.arg`, `Enum.VALUE`, `@directive`). */
  readonly path: string | null;
  /** Why it is breaking or dangerous (graphql-inspector's reason). */
  readonly reason: string | null;
  /** Client operations that use what changes (for breaking and dangerous changes). */
  readonly operations: readonly AffectedOperation[];
}

/** Outcome of `--simulate`. */
export interface SimulationReport {
  /** The throwaway branch it used. */
  readonly branch: string;
  /** `ok`: TerminusDB accepted the ontology; `invalid`: it refused with witnesses; `error`: something else failed. */
  readonly status: 'ok' | 'invalid' | 'error';
  /** Documents that would become invalid under the new ontology, with TerminusDB's witnesses. */
  readonly invalidDocuments: readonly InvalidDocument[];
  /** Message of an unexpected failure (status `error`). */
  readonly error?: string;
  /** Whether the branch was deleted afterwards. */
  readonly branchDeleted: boolean;
}

/** An operation document that does not validate against the baseline schema (its usage is best effort). */
export interface OperationWarning {
  readonly operation: string;
  readonly source: string;
  readonly message: string;
}

/** Everything `npm run check` found. `--json` prints exactly this. */
export interface CheckReport {
  readonly version: 1;
  /** `ok` (exit 0), `breaking` (exit 1), `failed` (exit 2). */
  readonly status: 'ok' | 'breaking' | 'failed';
  readonly exitCode: 0 | 1 | 2;
  readonly strict: boolean;
  /** What the working tree was compared with. */
  readonly baseline: { readonly kind: 'file' | 'git'; readonly ref: string };
  readonly ontology: { readonly ok: boolean; readonly diagnostics: readonly Diagnostic[] };
  /** `null` when composition did not run (ontology failure). */
  readonly composition: { readonly ok: boolean; readonly problems: readonly CompositionProblem[]; readonly hints: readonly string[] } | null;
  readonly changes: readonly SchemaChange[];
  readonly operations: { readonly checked: number; readonly warnings: readonly OperationWarning[] };
  readonly summary: {
    readonly breaking: number;
    /** Breaking changes that some client operation uses. */
    readonly breakingInUse: number;
    readonly dangerous: number;
    readonly safe: number;
    /** Distinct operations broken (usage `uses`). */
    readonly brokenOperations: number;
  };
  /** Present with `--simulate` (when the ontology compiled). */
  readonly simulation?: SimulationReport;
  /** A failure that is neither ontology nor composition (e.g. the baseline could not be read). */
  readonly error?: string;
}
