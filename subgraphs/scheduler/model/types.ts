/** The scheduler's domain: job specs and their runs (stored as documents in `svc-scheduler`). */

/** The built-in kinds of work. */
export const JOB_KINDS = ['reembed', 'branch-gc', 'snapshot', 'validate', 'webhook'] as const;
export type JobKindName = (typeof JOB_KINDS)[number];

/** Where a run is in its life. `RETRYING`: an attempt failed, the next one waits for its backoff. */
export const RUN_STATUSES = ['QUEUED', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'DEAD', 'CANCELLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses after which nothing happens to a run any more. */
export const FINISHED: ReadonlySet<RunStatus> = new Set(['SUCCEEDED', 'DEAD', 'CANCELLED']);

/** What made a run. */
export type RunTrigger = 'CRON' | 'COMMIT' | 'MANUAL' | 'RETRY';

/** Retries of a failed attempt: exponential backoff with jitter. */
export interface RetryPolicy {
  /** Attempts in all (1 = no retry). */
  readonly maxAttempts: number;
  /** Delay before the second attempt (ms); doubled for each later one. */
  readonly initialDelayMs: number;
  /** Upper bound of a delay (ms). */
  readonly maxDelayMs: number;
  /** Fraction (0–1) of each delay that is random: the delay is `d × (1 − jitter × random)`. */
  readonly jitter: number;
}

/** An on-commit trigger: a commit on `branch` changing a document of one of `types` (any when empty). */
export interface CommitTrigger {
  readonly branch: string;
  readonly types: readonly string[];
}

/**
 * What a replica starting up does about cron ticks that fell while no replica ran: `LAST` (default)
 * queues the latest missed tick once (run id `<job>-t<ms>`, so replicas starting together make one
 * run); `NONE` skips them.
 */
export const CATCH_UP_POLICIES = ['NONE', 'LAST'] as const;
export type CatchUpPolicy = (typeof CATCH_UP_POLICIES)[number];

/** A job spec. */
export interface Job {
  /** Stable id (the document key): lower-case letters, digits and `-`. */
  readonly id: string;
  readonly name: string;
  readonly kind: JobKindName;
  /** Kind-specific JSON (checked by the kind at create/update). */
  readonly payload: Readonly<Record<string, unknown>>;
  /** Cron pattern (croner: 5 or 6 fields, seconds first when 6). */
  readonly cron: string | null;
  /** IANA time zone of the cron pattern (default UTC). */
  readonly timezone: string | null;
  readonly trigger: CommitTrigger | null;
  readonly retry: RetryPolicy;
  /** Each attempt is aborted after this long (ms). */
  readonly timeoutMs: number;
  readonly enabled: boolean;
  /** Missed cron ticks (every replica down at tick time): run the latest once on start, or not. */
  readonly catchUp: CatchUpPolicy;
  /** Since when the cron schedule holds as it is (set when cron, zone or `enabled` change): older ticks are never caught up. */
  readonly scheduleSince: string;
  /** Who created it (the author of cron and on-commit runs). */
  readonly owner: string;
  /** The owner's scopes, recorded at `createJob` (refreshed when the owner updates the job): cron and on-commit runs act with them. */
  readonly ownerScopes: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One attempt of a run, as recorded in the run. */
export interface AttemptRecord {
  readonly attempt: number;
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** `ok`, `failed`, `crashed` (the process died: no finish recorded), `cancelled`, `timeout`. */
  readonly outcome?: 'ok' | 'failed' | 'crashed' | 'cancelled' | 'timeout';
  readonly error?: RunError;
  /** The backoff chosen before the next attempt (ms). */
  readonly delayMs?: number;
}

export interface RunError {
  readonly code: string;
  readonly message: string;
}

export interface RunProgress {
  readonly done: number;
  readonly total: number | null;
}

/** A run of a job. */
export interface Run {
  /** `<job id>-<trigger suffix>`: deterministic for cron ticks and commits (the de-duplication key). */
  readonly id: string;
  readonly jobId: string;
  readonly kind: JobKindName;
  readonly status: RunStatus;
  readonly trigger: RunTrigger;
  /** The commit of an on-commit run. */
  readonly commit: string | null;
  /** The payload this run executes (the job's, with a `runJobNow` override merged in). */
  readonly payload: Readonly<Record<string, unknown>>;
  /** The current (or last) attempt; 0 before the first starts. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly scheduledAt: string;
  readonly queuedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly nextAttemptAt: string | null;
  readonly progress: RunProgress | null;
  readonly result: unknown;
  readonly error: RunError | null;
  readonly attempts: readonly AttemptRecord[];
  /** Whose name run writes are made in: the caller for manual runs, the owner for cron and commit runs. */
  readonly requestedBy: string;
  /** The scopes the run acts with (the caller's for manual runs and retries, the job's `ownerScopes` otherwise). */
  readonly scopes: readonly string[];
  readonly retryOf: string | null;
  /**
   * The work-queue message (stream sequence) that claimed the run for its first attempt; later
   * attempts come from the same message (nak'ed or redelivered). Null until claimed.
   */
  readonly claimSeq: number | null;
}

/** The work-queue message of a due run. */
export interface DueRun {
  readonly runId: string;
  readonly jobId: string;
}
