/** The engine's public value types. */

/** Progress of a long sync. */
export interface Progress {
  readonly done: number;
  readonly total: number;
}

/** What a (re-)embedding run did. */
export interface SyncResult {
  readonly embedded: number;
  readonly skipped: number;
  readonly removed: number;
  /** The last `svc-embedding` commit written, or null when nothing changed. */
  readonly commit: string | null;
}

/** Options of `EmbeddingEngine.reembed`. */
export interface ReembedOptions {
  readonly branch: string;
  /** Only these classes (GraphQL type names); default every embeddable class. */
  readonly types?: readonly string[];
  /** Embed again even when text and model are unchanged. */
  readonly force?: boolean;
  /** Commit author (`<svc>@embedding`). */
  readonly author?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
}

/** The state of one branch. */
export interface BranchStatus {
  readonly branch: string;
  readonly documentsIndexed: number;
  readonly commit: string | null;
  readonly commitsBehind: number;
  readonly index: 'exact' | 'hnsw';
  readonly lastSyncedAt: string | null;
}

/** A failure being retried. */
export interface Failure {
  readonly message: string;
  readonly at: string;
  readonly attempts: number;
}

/** A kept branch that does not exist (yet) in the database. */
export class BranchMissingError extends Error {
  constructor(readonly branch: string) {
    super(`Branch ${branch} does not exist`);
    this.name = 'BranchMissingError';
  }
}
