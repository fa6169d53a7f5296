/**
 * Shared types of the kernel's parts (http, store, schema, diff).
 * Ids are kept in their *contracted* form everywhere inside the kernel: instance ids relative to
 * the database's `@base` (e.g. `Person/alice`), class ids relative to `@schema` (e.g. `Person`).
 * A context change (new `@base`/`@schema`/prefixes) rewrites stored documents in that commit.
 */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export type GraphType = 'instance' | 'schema';

/** A commit as TerminusDB shows it in `_commits` (§7.1), minus the layer references. */
export interface CommitRecord {
  /** 31 characters `[0-9a-z]`. */
  readonly id: string;
  readonly type: 'ValidCommit' | 'InitialCommit';
  readonly author: string;
  readonly message: string;
  /** Unix seconds with fraction. */
  readonly timestamp: number;
  /** IRI of the authenticated user, e.g. `terminusdb://system/data/User/admin`. */
  readonly user: string;
  /** Parent commit id; absent on the first commit. */
  readonly parent?: string;
  /** Monotonic per database: order of creation. */
  readonly seq: number;
}

export interface DatabaseRecord {
  /** Random 16-character id, as in `UserDatabase/<id>`. */
  readonly id: string;
  readonly org: string;
  readonly name: string;
  readonly label: string;
  readonly comment: string;
  readonly public: boolean;
  /** `schema: false` at creation: instance data is not validated (§7.7). */
  readonly schemaless: boolean;
  /** ISO-8601 UTC, e.g. `2025-01-01T00:00:00Z`. */
  readonly creationDate: string;
}

/** One document written or deleted by a commit. */
export interface DocChange {
  readonly graph: GraphType;
  /** Contracted id (instance) or class id (schema). */
  readonly id: string;
  /** The stored form (§ storage form in kernel/README.md); `null` deletes the document. */
  readonly doc: JsonObject | null;
  /** Instance only: the contracted class of the document (for type listings). */
  readonly type?: string;
  /** Instance only: outgoing links of the document, for the reverse-link index. */
  readonly links?: readonly LinkRef[];
}

export interface LinkRef {
  /** Contracted property name (a path like `address/city` for links inside subdocuments is allowed). */
  readonly prop: string;
  /** Contracted id of the linked document. */
  readonly target: string;
}

export interface BacklinkRef {
  readonly source: string;
  readonly prop: string;
}

export interface CommitInput {
  readonly author: string;
  readonly message: string;
  readonly user: string;
  readonly changes: readonly DocChange[];
  /** A new schema `@context` document (stored form), when the commit replaces it. */
  readonly context?: JsonObject;
  /** Replace every document of these graphs (full_replace / nuke): all existing docs are dropped first. */
  readonly clearGraphs?: readonly GraphType[];
}
