import { BreakerOpenError, DEAD_LETTER_STREAM, retry, TerminusError, type Delivery, type EventBus, type Logger } from '../../../lib/index.js';
import { PayloadError, PermanentError, type JobKind, type KindDeps } from '../kinds/JobKind.js';
import { retryDelay } from '../model/backoff.js';
import { FINISHED, type AttemptRecord, type DueRun, type Job, type Run, type RunError, type RunProgress } from '../model/types.js';
import type { SchedulerStore, WriteMeta } from '../store/SchedulerStore.js';
import type { Clock } from './Clock.js';
import { subjects } from './subjects.js';

/** Why an attempt was aborted. */
class AbortReason extends Error {
  constructor(readonly why: 'cancelled' | 'timeout' | 'shutdown') {
    super(why === 'timeout' ? 'the attempt took longer than the job timeout' : `run ${why}`);
    this.name = 'AbortReason';
  }
}

export interface RunWorkerOptions {
  readonly store: SchedulerStore;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly kinds: Readonly<Record<string, JobKind<unknown>>>;
  readonly kindDeps: KindDeps;
  readonly ackWaitMs: number;
  publish(run: Run): Promise<void>;
  readonly onAttempt?: (run: Run) => void;
}

/** A run this replica handles, from the delivery until it is settled (acked or nak'ed). */
interface Active {
  readonly controller: AbortController;
  /** The current delivery of the claiming message (a redelivery of the same message replaces it). */
  delivery: Delivery<DueRun>;
  /** True while the kind runs. */
  executing: boolean;
}

/** Progress is written to the run document at most this often (each write is a commit); events are not throttled by it. */
const PROGRESS_WRITE_MS = 5_000;
/** Progress events at most this often. */
const PROGRESS_EVENT_MS = 200;
/** Cancel requests for runs not (yet) running here are remembered this long. */
const CANCEL_MEMORY_MS = 10 * 60_000;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Executes due runs claimed from the work queue. Per delivery: read the run (finished or cancelled →
 * ack, nothing runs: this is what makes a redelivery after a lost ack harmless), claim it for this
 * message (a second message of the same run → ack, nothing runs), count the attempt,
 * dead-letter when the attempts are used up (the last one crashed), else mark it `RUNNING` and run the
 * kind with an AbortSignal (cancel, timeout, shutdown) while telling the queue it is still working.
 * Success → `SUCCEEDED` + ack; failure → `RETRYING` + nak with the backoff delay, or after the last
 * attempt (or a permanent failure) → dead-letter stream + `DEAD` + ack.
 */
export class RunWorker {
  readonly #o: RunWorkerOptions;
  readonly #active = new Map<string, Active>();
  /** Cancel requests: run id → when, and the error to record (e.g. `JOB_DELETED`). */
  readonly #cancelled = new Map<string, { at: number; error: RunError | undefined }>();
  readonly #tasks = new Set<Promise<void>>();
  #stopping = false;

  constructor(options: RunWorkerOptions) {
    this.#o = options;
  }

  get running(): readonly string[] {
    return [...this.#active].filter(([, a]) => a.executing).map(([id]) => id);
  }

  /** Takes a delivery; the work continues in the background (the queue's max-ack-pending bounds concurrency). */
  accept(delivery: Delivery<DueRun>): void {
    if (this.#stopping) {
      delivery.nak(0);
      return;
    }
    const runId = delivery.data.runId;
    const current = this.#active.get(runId);
    if (current !== undefined) {
      if (current.delivery.seq === delivery.seq) {
        // The same message redelivered while this replica still handles it (the ack timer ran out): keep going under the new delivery.
        current.delivery = delivery;
        delivery.working();
      } else {
        // Another message of a run handled here: a duplicate (one message per run executes it).
        this.#o.logger.warn({ run: runId, seq: delivery.seq }, 'duplicate work-queue message of a run in progress dropped');
        void delivery.ack().catch(() => undefined);
      }
      return;
    }
    // Registered (and heard working) from the first moment, so neither a redelivery nor a duplicate
    // of this run starts a second handling here while its document is read and claimed.
    const active: Active = { controller: new AbortController(), delivery, executing: false };
    this.#active.set(runId, active);
    const heartbeat = setInterval(() => active.delivery.working(), Math.max(100, Math.floor(this.#o.ackWaitMs / 3)));
    const task = this.#process(active).catch((err: unknown) => {
      this.#o.logger.error({ err, run: runId }, 'run handling failed; redelivered later');
      active.delivery.nak(Math.min(30_000, 1_000 * active.delivery.deliveryCount));
    });
    this.#tasks.add(task);
    void task.finally(() => {
      clearInterval(heartbeat);
      if (this.#active.get(runId) === active) this.#active.delete(runId);
      this.#tasks.delete(task);
    });
  }

  /** Aborts the run if it runs here; otherwise remembers the request for a while. */
  cancelLocal(runId: string, error?: RunError): void {
    const now = this.#o.clock.now();
    for (const [id, c] of this.#cancelled) if (c.at < now - CANCEL_MEMORY_MS) this.#cancelled.delete(id);
    this.#cancelled.set(runId, { at: now, error });
    this.#active.get(runId)?.controller.abort(new AbortReason('cancelled'));
  }

  /**
   * Writes the run (retried for a while when TerminusDB is briefly unavailable: losing the final write
   * of a finished attempt would run it again) and publishes the update.
   */
  async #write(run: Run, text: string): Promise<void> {
    const meta: WriteMeta = { user: run.requestedBy, text: `run ${run.id}: ${text}` };
    await retry(() => this.#o.store.replaceRun(run, meta), {
      retries: 8,
      baseDelayMs: 250,
      maxDelayMs: 5_000,
      retryOn: (err) => err instanceof BreakerOpenError || (err instanceof TerminusError && err.transient),
    });
    await this.#o.publish(run);
  }

  async #process(active: Active): Promise<void> {
    const o = this.#o;
    const { runId } = active.delivery.data;
    const seq = active.delivery.seq;
    let run = await o.store.getRun(runId);
    if (run === undefined || FINISHED.has(run.status)) {
      await active.delivery.ack();
      return;
    }
    // One message per run executes it: the first delivery claims the run for its message (an insert,
    // so two messages of one run — a re-publish racing a late original — cannot both win); a
    // delivery of another message is a duplicate, acked without running anything. Retries and
    // crash redeliveries come from the claiming message itself.
    if (run.claimSeq === null) {
      if (!(await o.store.claimRun(runId, seq, o.clock.now()))) {
        o.logger.warn({ run: runId, seq: seq }, 'duplicate work-queue message of a claimed run dropped');
        await active.delivery.ack();
        return;
      }
      run = { ...run, claimSeq: seq };
    } else if (run.claimSeq !== seq) {
      o.logger.warn({ run: runId, seq: seq, claimSeq: run.claimSeq }, 'duplicate work-queue message of a claimed run dropped');
      await active.delivery.ack();
      return;
    }
    const now = o.clock.now();
    // An attempt that started and never finished: the process running it died.
    const attempts: AttemptRecord[] = run.attempts.map((a) => (a.finishedAt === undefined ? { ...a, finishedAt: iso(now), outcome: 'crashed', error: { code: 'CRASHED', message: 'the scheduler running this attempt stopped' } } : a));
    const lastError = attempts.at(-1)?.error ?? run.error;
    run = { ...run, attempts };
    const attempt = run.attempt + 1;
    if (attempt > run.maxAttempts) {
      await this.#dead(active, run, lastError ?? { code: 'CRASHED', message: 'the last attempt did not finish' });
      return;
    }
    const job = await o.store.getJob(run.jobId);
    if (job === undefined) {
      // Deleted (deleteJob cancels its runs; this one was queued concurrently): cancelled, not dead.
      await this.#finish(active, { ...run, status: 'CANCELLED', finishedAt: iso(now), nextAttemptAt: null, error: { code: 'JOB_DELETED', message: `job ${run.jobId} was deleted` } }, 'cancelled: job deleted');
      return;
    }
    const kind = o.kinds[run.kind];
    let payload: unknown;
    try {
      if (kind === undefined) throw new PayloadError(`unknown kind ${run.kind}`);
      payload = kind.parse(run.payload);
    } catch (err) {
      await this.#dead(active, run, { code: 'BAD_PAYLOAD', message: (err as Error).message });
      return;
    }
    if (this.#cancelled.has(runId)) {
      await this.#finish(active, { ...run, status: 'CANCELLED', finishedAt: iso(now), error: this.#cancelled.get(runId)?.error ?? run.error }, 'cancelled');
      return;
    }
    if (active.controller.signal.aborted && (active.controller.signal.reason as AbortReason).why === 'shutdown') {
      active.delivery.nak(0); // stopping before the attempt started: handed back, no attempt used
      return;
    }
    const started = o.clock.now();
    run = { ...run, status: 'RUNNING', attempt, startedAt: run.startedAt ?? iso(started), nextAttemptAt: null, attempts: [...attempts, { attempt, startedAt: iso(started) }] };
    await this.#write(run, `attempt ${attempt} of ${run.maxAttempts} started`);
    await this.#execute(active, run, job, kind as JobKind<unknown>, payload);
  }

  async #execute(active: Active, started: Run, job: Job, kind: JobKind<unknown>, payload: unknown): Promise<void> {
    const controller = active.controller;
    if (this.#cancelled.has(started.id)) controller.abort(new AbortReason('cancelled'));
    const stopTimeout = this.#o.clock.setTimer(job.timeoutMs, () => controller.abort(new AbortReason('timeout')));
    // The heartbeat started in accept() runs until the delivery is settled (the final write included).
    active.executing = true;
    await this.#attempt(active, started, job, kind, payload, stopTimeout);
  }

  async #attempt(active: Active, started: Run, job: Job, kind: JobKind<unknown>, payload: unknown, stopTimeout: () => void): Promise<void> {
    const o = this.#o;
    const controller = active.controller;
    let run = started;
    let lastEvent = 0;
    let lastWrite = o.clock.now();
    let writing: Promise<void> = Promise.resolve();
    const progress = (p: RunProgress): void => {
      if (controller.signal.aborted) return;
      run = { ...run, progress: p };
      const now = o.clock.now();
      if (now - lastEvent >= PROGRESS_EVENT_MS || (p.total !== null && p.done >= p.total)) {
        lastEvent = now;
        void o.publish(run);
      }
      if (now - lastWrite >= PROGRESS_WRITE_MS) {
        lastWrite = now;
        const snapshot = run;
        writing = writing.then(() => o.store.replaceRun(snapshot, { user: snapshot.requestedBy, text: `run ${snapshot.id}: progress ${p.done}/${p.total ?? '?'}` }).catch(() => undefined));
      }
    };
    let outcome: { ok: true; result: unknown } | { ok: false; err: unknown };
    try {
      const result = await kind.run({ payload, runId: run.id, jobId: run.jobId, attempt: run.attempt, commit: run.commit, user: run.requestedBy, scopes: run.scopes, signal: controller.signal, progress, deps: o.kindDeps });
      outcome = controller.signal.aborted ? { ok: false, err: controller.signal.reason } : { ok: true, result };
    } catch (err) {
      outcome = { ok: false, err: controller.signal.aborted ? controller.signal.reason : err };
    } finally {
      stopTimeout();
      active.executing = false;
    }
    await writing;
    const now = o.clock.now();
    const close = (a: Partial<AttemptRecord>): AttemptRecord[] => run.attempts.map((r) => (r.attempt === run.attempt && r.finishedAt === undefined ? { ...r, finishedAt: iso(now), ...a } : r));
    if (outcome.ok) {
      const total = run.progress?.total ?? null;
      await this.#finish(active, { ...run, status: 'SUCCEEDED', finishedAt: iso(now), result: outcome.result ?? null, error: null, progress: total === null ? run.progress : { done: total, total }, attempts: close({ outcome: 'ok' }) }, 'succeeded');
      return;
    }
    const err = outcome.err;
    if (err instanceof AbortReason && err.why === 'shutdown') {
      // Handed back: another replica (or this one after restart) takes it; the open attempt counts as crashed.
      active.delivery.nak(0);
      return;
    }
    if (err instanceof AbortReason && err.why === 'cancelled') {
      await this.#finish(active, { ...run, status: 'CANCELLED', finishedAt: iso(now), error: this.#cancelled.get(run.id)?.error ?? null, attempts: close({ outcome: 'cancelled' }) }, 'cancelled');
      return;
    }
    const error: RunError =
      err instanceof AbortReason ? { code: 'TIMEOUT', message: err.message } : err instanceof PermanentError ? { code: err.code, message: err.message } : { code: 'ATTEMPT_FAILED', message: (err as Error)?.message ?? String(err) };
    o.logger.warn({ run: run.id, attempt: run.attempt, error }, 'attempt failed');
    const outcomeName = err instanceof AbortReason ? 'timeout' : 'failed';
    if (err instanceof PermanentError || run.attempt >= run.maxAttempts) {
      await this.#dead(active, { ...run, attempts: close({ outcome: outcomeName, error }) }, error);
      return;
    }
    const delayMs = retryDelay(job.retry, run.attempt);
    const retrying: Run = { ...run, status: 'RETRYING', error, nextAttemptAt: iso(now + delayMs), attempts: close({ outcome: outcomeName, error, delayMs }) };
    await this.#write(retrying, `attempt ${run.attempt} failed (${error.code}); retry in ${delayMs} ms`);
    o.onAttempt?.(retrying);
    active.delivery.nak(delayMs);
  }

  async #finish(active: Active, run: Run, what: string): Promise<void> {
    await this.#write(run, what);
    this.#o.onAttempt?.(run);
    await active.delivery.ack();
  }

  /** Dead letter: the run and its last error to `dead.scheduler.<db>` (stream `DEAD_LETTERS`), the run `DEAD`, the message acked. */
  async #dead(active: Active, run: Run, error: RunError): Promise<void> {
    const o = this.#o;
    const dead: Run = { ...run, status: 'DEAD', error, finishedAt: iso(o.clock.now()), nextAttemptAt: null };
    await o.bus.publish(subjects.dead(o.store.terminus.settings.db), { run: dead, error, stream: DEAD_LETTER_STREAM.name }, { msgId: `dead:${run.id}` });
    await this.#write(dead, `dead after ${run.attempt} attempt(s): ${error.code}`);
    o.onAttempt?.(dead);
    await active.delivery.ack();
  }

  /** Stops taking work and hands running runs back to the queue. */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const a of this.#active.values()) a.controller.abort(new AbortReason('shutdown'));
    // (a run still being read or claimed is handed back too: #process finds the signal aborted)
    await Promise.allSettled([...this.#tasks]);
  }
}
