import type { Logger, Terminus } from '../../../lib/index.js';
import type { JobKindName, RunProgress } from '../model/types.js';

/** What a kind gets to do one attempt of a run. */
export interface KindContext<P> {
  /** The checked payload. */
  readonly payload: P;
  readonly runId: string;
  readonly jobId: string;
  readonly attempt: number;
  /** The commit of an on-commit run. */
  readonly commit: string | null;
  /** Who the run acts for (`<user>`; writes use `<user>@scheduler`). */
  readonly user: string;
  /** The scopes the run acts with (recorded when the run or its job was created; see the README). */
  readonly scopes: readonly string[];
  /** Aborted on `cancelRun`, on the job's timeout and on shutdown; kinds stop and throw. */
  readonly signal: AbortSignal;
  /** Reports progress (published to `runUpdated`, throttled). */
  progress(p: RunProgress): void;
  readonly deps: KindDeps;
}

/** Services the kinds use. */
export interface KindDeps {
  readonly terminus: Terminus;
  readonly logger: Logger;
  /** The current time (ms); injectable for tests. */
  now(): number;
  /** `EMBEDDING_SERVICE_URL` (no trailing slash). */
  readonly embeddingUrl: string;
  /** HMAC key for the identity header sent to the embedding service; null sends none. */
  readonly identityKey: string | null;
  /** Folder of snapshots. */
  readonly snapshotDir: string;
}

/** A kind of work: checks its payload up front, then runs attempts. */
export interface JobKind<P = unknown> {
  readonly name: JobKindName;
  /** Throws `PayloadError` with a message naming the field when the payload is not valid for this kind. */
  parse(payload: Readonly<Record<string, unknown>>): P;
  /** One attempt; the result is stored in the run. Throw to fail the attempt (retried unless `PermanentError`). */
  run(ctx: KindContext<P>): Promise<unknown>;
}

/** A payload that does not fit its kind (→ `BAD_USER_INPUT` at create/update, a dead run at execution). */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

/** A failure no retry can fix (bad URL, 4xx answer, branch gone): the run is dead at once. */
export class PermanentError extends Error {
  constructor(
    message: string,
    readonly code = 'PERMANENT_FAILURE',
  ) {
    super(message);
    this.name = 'PermanentError';
  }
}

/** Payload field helpers: each throws `PayloadError` naming the field. */
export const field = {
  string(p: Readonly<Record<string, unknown>>, name: string, fallback?: string): string {
    const v = p[name] ?? fallback;
    if (typeof v !== 'string' || v === '') throw new PayloadError(`payload.${name} must be a non-empty string`);
    return v;
  },
  optionalString(p: Readonly<Record<string, unknown>>, name: string): string | undefined {
    const v = p[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v === '') throw new PayloadError(`payload.${name} must be a non-empty string`);
    return v;
  },
  boolean(p: Readonly<Record<string, unknown>>, name: string, fallback: boolean): boolean {
    const v = p[name] ?? fallback;
    if (typeof v !== 'boolean') throw new PayloadError(`payload.${name} must be true or false`);
    return v;
  },
  optionalStrings(p: Readonly<Record<string, unknown>>, name: string): string[] | undefined {
    const v = p[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string' && x !== '')) throw new PayloadError(`payload.${name} must be a non-empty list of names`);
    return v as string[];
  },
  only(p: Readonly<Record<string, unknown>>, allowed: readonly string[]): void {
    const extra = Object.keys(p).filter((k) => !allowed.includes(k));
    if (extra.length > 0) throw new PayloadError(`unknown payload field(s) ${extra.join(', ')} (allowed: ${allowed.join(', ') || 'none'})`);
  },
};

/** Throws the signal's reason when aborted (kinds call it between steps). */
export function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
}
