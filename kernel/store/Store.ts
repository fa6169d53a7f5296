import type {
  BacklinkRef,
  CommitInput,
  CommitRecord,
  DatabaseRecord,
  GraphType,
  JsonObject,
} from '../types.js';

/**
 * An immutable view of one commit of one database. Reads at any commit cost the same as at a
 * branch head (persistent, structurally shared indexes), and never see later writes.
 */
export interface Snapshot {
  readonly commit: CommitRecord;
  /** The schema `@context` document of this commit (stored form, `@type: "@context"`). */
  readonly context: JsonObject;
  /** The stored document, or undefined. Callers must not mutate the result. */
  getDoc(graph: GraphType, id: string): JsonObject | undefined;
  has(graph: GraphType, id: string): boolean;
  /** Instance graph: the contracted class of a document. */
  typeOf(id: string): string | undefined;
  /** Number of documents in a graph. */
  count(graph: GraphType): number;
  /**
   * Ids in document order: (commit of first appearance, then byte-wise id order), as TerminusDB
   * lists them (§4.2). `types` restricts instance ids to those classes (exact class names; the
   * caller expands subclasses); the result is still in document order.
   */
  ids(graph: GraphType, types?: readonly string[]): Iterable<string>;
  /**
   * The sort key of a document in document order (`ids` order), or undefined when absent. Optional
   * (added for `kernel/graphql/`'s derived indexes); implementations without it order by id.
   */
  orderKey?(graph: GraphType, id: string): string | undefined;
  /** Documents that link to `target` (reverse-link index). */
  backlinks(target: string): Iterable<BacklinkRef>;
  /**
   * Ids whose stored document differs between `this` and `other` (added, removed or changed),
   * skipping shared structure: cost proportional to the changes, not the database size.
   */
  changedIds(other: Snapshot, graph: GraphType): Iterable<string>;
}

export interface CreateDatabaseInput {
  readonly org: string;
  readonly name: string;
  readonly label: string;
  readonly comment: string;
  readonly public: boolean;
  readonly schemaless: boolean;
  /** The initial `@context` document stored with the InitialCommit. */
  readonly context: JsonObject;
}

export interface DatabaseUpdate {
  readonly label?: string;
  readonly comment?: string;
  readonly public?: boolean;
}

/** Thrown by `commit` when the branch head moved since `expectedHead`. */
export class HeadMovedError extends Error {
  constructor(
    readonly branch: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`branch ${branch} moved from ${expected} to ${actual}`);
    this.name = 'HeadMovedError';
  }
}

/**
 * Durable, versioned document storage for every database of a kernel. Synchronous: each call is
 * atomic (one SQLite transaction) and a returned commit survives `kill -9`.
 */
export interface Store extends Disposable {
  listDatabases(): readonly DatabaseRecord[];
  getDatabase(org: string, name: string): DatabaseRecord | undefined;
  /** Creates the database, branch `main` and its InitialCommit (author `system`, message `create initial schema`). */
  createDatabase(input: CreateDatabaseInput): DatabaseRecord;
  updateDatabase(db: DatabaseRecord, update: DatabaseUpdate): DatabaseRecord;
  deleteDatabase(db: DatabaseRecord): void;

  /** Branch name → head commit id, in creation order. */
  branches(db: DatabaseRecord): ReadonlyMap<string, string>;
  getCommit(db: DatabaseRecord, commitId: string): CommitRecord | undefined;
  snapshot(db: DatabaseRecord, commitId: string): Snapshot;
  /** Ancestors of `commitId` (itself first), following `parent`. Lazy. */
  history(db: DatabaseRecord, commitId: string): Iterable<CommitRecord>;

  /**
   * Writes one commit on `branch` with `changes` applied to the head snapshot, and moves the
   * branch. No change in content → no commit, returns the head unchanged (`created: false`).
   * If the head is an InitialCommit the new commit replaces it (no parent, §7.2).
   * Throws HeadMovedError if `expectedHead` is given and differs.
   */
  commit(
    db: DatabaseRecord,
    branch: string,
    input: CommitInput,
    expectedHead?: string,
  ): { commit: CommitRecord; created: boolean };

  /** New branch at `fromCommit`, or (undefined) empty with an InitialCommit holding `context`. */
  createBranch(db: DatabaseRecord, name: string, from: { commit: string } | { context: JsonObject }): void;
  deleteBranch(db: DatabaseRecord, name: string): void;
  /** Moves the branch head to `commitId` (any commit of the database). */
  resetBranch(db: DatabaseRecord, name: string, commitId: string): void;
  /** A new parentless commit with the content of `commitId`; no branch moves. */
  squash(db: DatabaseRecord, commitId: string, info: { author: string; message: string; user: string }): CommitRecord;
}
