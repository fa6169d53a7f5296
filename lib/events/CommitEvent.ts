/** The payload of a commit event on `commits.<db>.<branch>` (see README "Protocol"). */

/** How a document changed in a commit. */
export type ChangeOp = 'inserted' | 'updated' | 'deleted';

/** One changed document. */
export interface DocumentChange {
  /** Document id relative to `@base`, e.g. `Dataset/sales`. */
  readonly id: string;
  /** Class of the document (before deletion for `deleted`). */
  readonly type: string;
  readonly op: ChangeOp;
}

/**
 * One event per commit (`kind: 'commit'`, message id = commit id), or, when a branch's history was
 * rewritten (reset, squash + reset), one `kind: 'reset'` event whose `changes` are the diff from the
 * old head (`parent`) to the new head (`commit`) (message id `reset:<branch>:<old>:<new>`).
 */
export interface CommitEvent {
  readonly version: 1;
  readonly kind: 'commit' | 'reset';
  /** TerminusDB database. */
  readonly db: string;
  /** Supergraph branch name (`feature/x`, not TerminusDB's `feature~x`). */
  readonly branch: string;
  /** The commit id (for `reset`: the new head). */
  readonly commit: string;
  /** The parent commit id, null for a root commit (for `reset`: the old head). */
  readonly parent: string | null;
  readonly author: string;
  readonly message: string;
  /** `Key: value` lines of the message's trailer block (last paragraph), e.g. `Trace-Id`, `User-Sid`. */
  readonly trailers: Readonly<Record<string, string>>;
  /** The `Trace-Id` trailer, if any. */
  readonly traceId: string | null;
  /** The `User-Sid` trailer, if any. */
  readonly userSid: string | null;
  /** Commit time, ISO 8601. */
  readonly timestamp: string;
  /** Changed documents (at most the relay's limit; see `truncated`). */
  readonly changes: readonly DocumentChange[];
  /** How many documents changed in total. */
  readonly changeCount: number;
  /** Whether `changes` was cut to the limit (read the rest with the audit subgraph's `commit(id)`). */
  readonly truncated: boolean;
}

/** The message id of an event: the commit id, or `reset:<branch>:<old head>:<new head>`. */
export function commitEventId(event: Pick<CommitEvent, 'kind' | 'branch' | 'commit' | 'parent'>): string {
  return event.kind === 'commit' ? event.commit : `reset:${event.branch}:${event.parent ?? ''}:${event.commit}`;
}

/** Whether a value looks like a commit event of this version (a consumer's guard against foreign payloads). */
export function isCommitEvent(value: unknown): value is CommitEvent {
  const v = value as Partial<CommitEvent> | null;
  return (
    typeof v === 'object' && v !== null && v.version === 1 && (v.kind === 'commit' || v.kind === 'reset') &&
    typeof v.db === 'string' && typeof v.branch === 'string' && typeof v.commit === 'string' && Array.isArray(v.changes)
  );
}
