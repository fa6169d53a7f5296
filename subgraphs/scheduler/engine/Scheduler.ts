import { randomBytes } from 'node:crypto';
import type { Counter } from 'prom-client';
import { consumeCommits, type CommitEvent, type EventBus, type Logger, type Metrics, type Subscription } from '../../../lib/index.js';
import { KINDS } from '../kinds/index.js';
import type { JobKind, KindDeps } from '../kinds/JobKind.js';
import type { DueRun, Job, Run, RunError, RunTrigger } from '../model/types.js';
import type { RunKey, SchedulerStore, WriteMeta } from '../store/SchedulerStore.js';
import type { Clock } from './Clock.js';
import { CronTicker, lastTick } from './CronTicker.js';
import { RunWorker } from './RunWorker.js';
import { schedulerMetrics } from './schedulerMetrics.js';
import { subjects, type RunUpdate } from './subjects.js';

/** Re-publishing with the run id as message id is stored once while this is under the work queue's 10-minute de-dup window. */
const DEDUP_SAFE_MS = 9 * 60_000;

/** Options of the scheduler engine. */
export interface SchedulerOptions {
  readonly store: SchedulerStore;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly clock: Clock;
  /** What the kinds use (terminus, embedding URL, snapshot folder…); `now` defaults to the clock. */
  readonly kindDeps: Omit<KindDeps, 'now' | 'logger'>;
  /** The kinds (default: the built-in ones). */
  readonly kinds?: Readonly<Record<string, JobKind<unknown>>>;
  /** Runs executed at once by this replica (default 4). */
  readonly concurrency?: number;
  /** A claimed run is given to another replica when this replica is silent this long (ms, default 30 000). */
  readonly ackWaitMs?: number;
  /** Job table reload interval, the safety net behind job-change events (ms, default 30 000). */
  readonly reloadMs?: number;
  /** Finished runs queued longer ago than this are deleted by the periodic loop (ms; default 30 days; 0 keeps them). */
  readonly runRetentionMs?: number;
  /**
   * A run still `QUEUED` this long after it was queued, with no message in the work queue, is
   * re-published by the periodic sweep (ms, default 60 000; more than a publish's retry budget, so
   * the original publisher has given up).
   */
  readonly requeueAfterMs?: number;
  /** Execute runs in this replica (default true). */
  readonly worker?: boolean;
  /** Fire cron ticks in this replica (default true; ticks of several replicas are de-duplicated). */
  readonly cron?: boolean;
  /** Consume commit events for on-commit triggers (default true; replicas share the durable consumer). */
  readonly triggers?: boolean;
  /** Observes every run this replica finishes an attempt of (tests). */
  readonly onAttempt?: (run: Run) => void;
  /** Registers `scheduler_*` metrics here (attempts by kind and outcome, durations, runs queued, running). */
  readonly metrics?: Metrics;
}

/** Who creates a run and with what. */
export interface EnqueueRequest {
  readonly trigger: RunTrigger;
  /** The user the run acts for (the caller for manual runs, the job's owner otherwise). */
  readonly user: string;
  /** The scopes the run acts with (the caller's, or the job's `ownerScopes`). */
  readonly scopes: readonly string[];
  /** A missed cron tick queued at start (`catchUp: LAST`). */
  readonly catchUp?: boolean;
  readonly scheduledAt?: number;
  readonly commit?: string;
  /** Merged over the job's payload (already checked by the caller). */
  readonly payload?: Readonly<Record<string, unknown>>;
  /** Explicit run id (cron ticks and commits use deterministic ids: the de-duplication key). */
  readonly runId?: string;
  readonly retryOf?: string;
  readonly traceId?: string;
}

/**
 * The scheduler engine of one replica: the job table (reloaded on job-change events), cron ticks and
 * on-commit triggers that create due runs, and the worker that claims due runs from the work queue.
 * Creating a run: insert its document (`QUEUED`; a second replica's insert of the same id fails and
 * it stops there) then publish it to the work queue with the run id as message id (a second publish is
 * de-duplicated), so each cron tick or commit makes one run whatever the number of replicas.
 */
export class Scheduler {
  readonly #o: SchedulerOptions;
  readonly #db: string;
  readonly #ticker: CronTicker;
  readonly #worker: RunWorker;
  #jobs = new Map<string, Job>();
  readonly #subscriptions: Subscription[] = [];
  #stopReload: (() => void) | undefined;
  #stopped = false;

  readonly #queued: Counter<'trigger' | 'duplicate'> | undefined;

  constructor(options: SchedulerOptions) {
    this.#o = options;
    this.#db = options.store.terminus.settings.db;
    this.#ticker = new CronTicker(options.clock, (id, at) => void this.#tick(id, at));
    const metrics = schedulerMetrics(options.metrics, () => worker.running.length);
    this.#queued = metrics?.queued;
    const observe = (run: Run): void => {
      metrics?.attempted(run);
      options.onAttempt?.(run);
    };
    const worker = new RunWorker({
      store: options.store,
      bus: options.bus,
      logger: options.logger,
      clock: options.clock,
      kinds: options.kinds ?? KINDS,
      kindDeps: { ...options.kindDeps, logger: options.logger, now: () => options.clock.now() },
      ackWaitMs: options.ackWaitMs ?? 30_000,
      publish: (run) => this.publishUpdate(run),
      onAttempt: observe,
    });
    this.#worker = worker;
  }

  get db(): string {
    return this.#db;
  }

  /** The jobs this replica knows (as last loaded). */
  get jobs(): ReadonlyMap<string, Job> {
    return this.#jobs;
  }

  /** The engine's clock (job and run timestamps of the API use it too). */
  now(): number {
    return this.#o.clock.now();
  }

  /** The ticker (tests read `nextTick`). */
  get ticker(): CronTicker {
    return this.#ticker;
  }

  /** Loads the jobs and starts ticks, triggers and the worker. */
  async start(): Promise<void> {
    const o = this.#o;
    await o.store.ensure();
    await this.reload();
    const bus = o.bus;
    this.#subscriptions.push(await bus.subscribe({ subject: subjects.jobs(this.#db), start: { kind: 'new' } }, () => void this.reload().catch((err: unknown) => o.logger.warn({ err }, 'job reload failed'))));
    this.#subscriptions.push(await bus.subscribe<{ runId?: unknown; error?: RunError }>({ subject: subjects.cancel(this.#db), start: { kind: 'new' } }, (d) => {
      if (typeof d.data.runId === 'string') this.#worker.cancelLocal(d.data.runId, d.data.error ?? undefined);
    }));
    if (o.worker !== false) {
      this.#subscriptions.push(
        await bus.subscribe<DueRun>(
          { subject: subjects.workFilter(this.#db), durable: subjects.durable(this.#db), start: { kind: 'first' }, ackWaitMs: o.ackWaitMs ?? 30_000, maxAckPending: o.concurrency ?? 4 },
          (delivery) => this.#worker.accept(delivery),
        ),
      );
    }
    if (o.triggers !== false) {
      this.#subscriptions.push(
        await consumeCommits(bus, {
          db: this.#db,
          durable: 'scheduler',
          start: { kind: 'new' },
          handler: (event) => this.#onCommit(event),
          onError: (err) => o.logger.warn({ err }, 'on-commit trigger failed (redelivered)'),
        }),
      );
    }
    if (o.cron !== false) await this.catchUpMissed();
    const every = o.reloadMs ?? 30_000;
    const loop = (): void => {
      this.#stopReload = o.clock.setTimer(every, () => {
        void this.reload()
          .then(() => this.requeueStale())
          .then(() => this.prune())
          .catch((err: unknown) => o.logger.warn({ err }, 'periodic job reload failed'))
          .finally(() => {
            if (!this.#stopped) loop();
          });
      });
    };
    loop();
  }

  /** Reads the job table and re-syncs the cron timers. */
  async reload(): Promise<void> {
    const jobs = await this.#o.store.listJobs();
    this.#jobs = new Map(jobs.map((j) => [j.id, j]));
    if (this.#o.cron !== false && !this.#stopped) {
      this.#ticker.sync(jobs.filter((j) => j.enabled && j.cron !== null).map((j) => ({ id: j.id, pattern: j.cron as string, timezone: j.timezone })));
    }
  }

  /** Tells every replica that a job changed (they reload). */
  async announceJob(job: Job): Promise<void> {
    this.#jobs.set(job.id, job);
    await this.#o.bus.publish(subjects.jobs(this.#db), { jobId: job.id, updatedAt: job.updatedAt }, { msgId: `job:${job.id}:${job.updatedAt}` });
    await this.reload();
  }

  /**
   * Deletes a job: its unfinished runs are marked `CANCELLED` (error `JOB_DELETED`; one commit), the
   * job document is deleted (one commit), the replicas reload (its cron and trigger stop) and running
   * attempts are aborted. Run history stays (pruned with the retention like any run). A run queued
   * concurrently by a replica that had not reloaded yet is cancelled by the worker (no job → `JOB_DELETED`).
   */
  async deleteJob(job: Job, meta: WriteMeta): Promise<Run[]> {
    const o = this.#o;
    const now = o.clock.now();
    const error: RunError = { code: 'JOB_DELETED', message: `job ${job.id} was deleted` };
    const open = await o.store.unfinishedRuns(job.id);
    const cancelled: Run[] = open.map((r) => ({ ...r, status: 'CANCELLED', finishedAt: new Date(now).toISOString(), nextAttemptAt: null, error }));
    await o.store.replaceRuns(cancelled, { ...meta, text: `cancel ${cancelled.length} run(s) of job ${job.id} (job deleted)` });
    await o.store.deleteJob(job.id, { ...meta, text: `delete job ${job.id} (${job.kind})` });
    this.#jobs.delete(job.id);
    await o.bus.publish(subjects.jobs(this.#db), { jobId: job.id, deleted: true }, { msgId: `job:${job.id}:deleted` });
    await this.reload();
    for (const run of cancelled) {
      await this.requestCancel(run.id, error);
      await this.publishUpdate(run);
    }
    return cancelled;
  }

  /**
   * Missed cron ticks (every replica was down when they fell): for each enabled cron job with
   * `catchUp: LAST`, the latest tick at or before now is queued once with its usual run id
   * `<job>-t<ms>` — when that run exists (it ran, or another replica starting up queued it) nothing
   * happens. Never a tick from before the schedule was set (`scheduleSince`: creation, or the last
   * change of cron, zone or `enabled`), nor one older than the run retention (its run may have been
   * pruned). Returns the runs it queued.
   */
  async catchUpMissed(): Promise<Run[]> {
    const o = this.#o;
    const now = o.clock.now();
    const retention = o.runRetentionMs ?? 30 * 24 * 3_600_000;
    const queued: Run[] = [];
    for (const job of this.#jobs.values()) {
      if (!job.enabled || job.cron === null || job.catchUp !== 'LAST') continue;
      const at = lastTick(job.cron, job.timezone, now);
      if (at === undefined || at < Date.parse(job.scheduleSince) || (retention > 0 && at < now - retention)) continue;
      try {
        const { run, inserted } = await this.#enqueue(job, { trigger: 'CRON', user: job.owner, scopes: job.ownerScopes, scheduledAt: at, runId: `${job.id}-t${at}`, catchUp: true });
        if (inserted) {
          o.logger.info({ job: job.id, scheduledAt: new Date(at).toISOString(), run: run.id }, 'missed cron tick caught up');
          queued.push(run);
        }
      } catch (err) {
        o.logger.error({ err, job: job.id, scheduledAt: at }, 'missed cron tick could not be queued');
      }
    }
    return queued;
  }

  async #tick(jobId: string, scheduledAt: number): Promise<void> {
    const job = this.#jobs.get(jobId);
    if (job === undefined || !job.enabled) return;
    try {
      await this.enqueue(job, { trigger: 'CRON', user: job.owner, scopes: job.ownerScopes, scheduledAt, runId: `${job.id}-t${scheduledAt}` });
    } catch (err) {
      this.#o.logger.error({ err, job: jobId, scheduledAt }, 'cron tick could not enqueue its run');
    }
  }

  async #onCommit(event: CommitEvent): Promise<void> {
    if (event.branch.startsWith('svc-')) return; // service data (ours included) never triggers
    for (const job of this.#jobs.values()) {
      const t = job.trigger;
      if (!job.enabled || t === null || t.branch !== event.branch) continue;
      if (t.types.length > 0 && !event.truncated && !event.changes.some((c) => t.types.includes(c.type))) continue;
      await this.enqueue(job, { trigger: 'COMMIT', user: job.owner, scopes: job.ownerScopes, commit: event.commit, runId: `${job.id}-c${event.commit}` });
    }
  }

  /**
   * Creates a run (`QUEUED`) and puts it on the work queue. With a deterministic `runId` the call is
   * idempotent across replicas: the existing run is returned and the publish is de-duplicated.
   */
  async enqueue(job: Job, request: EnqueueRequest): Promise<Run> {
    return (await this.#enqueue(job, request)).run;
  }

  async #enqueue(job: Job, request: EnqueueRequest): Promise<{ run: Run; inserted: boolean }> {
    const now = this.#o.clock.now();
    const id = request.runId ?? `${job.id}-m${now.toString(36)}${randomBytes(3).toString('hex')}`;
    const run: Run = {
      id,
      jobId: job.id,
      kind: job.kind,
      status: 'QUEUED',
      trigger: request.trigger,
      commit: request.commit ?? null,
      payload: { ...job.payload, ...(request.payload ?? {}) },
      attempt: 0,
      maxAttempts: job.retry.maxAttempts,
      scheduledAt: new Date(request.scheduledAt ?? now).toISOString(),
      queuedAt: new Date(now).toISOString(),
      startedAt: null,
      finishedAt: null,
      nextAttemptAt: null,
      progress: null,
      result: null,
      error: null,
      attempts: [],
      requestedBy: request.user,
      scopes: [...request.scopes].sort(),
      retryOf: request.retryOf ?? null,
      claimSeq: null,
    };
    const what = `queue ${request.trigger.toLowerCase()} run ${id} of job ${job.id}${request.catchUp === true ? ' (missed tick caught up)' : ''}`;
    const meta: WriteMeta = { user: request.user, text: what, ...(request.traceId === undefined ? {} : { traceId: request.traceId }) };
    const inserted = await this.#o.store.insertRun(run, meta);
    this.#queued?.inc({ trigger: request.trigger, duplicate: String(!inserted) });
    if (inserted) {
      await this.#publishDue(run);
      await this.publishUpdate(run);
      return { run, inserted };
    }
    const stored = (await this.#o.store.getRun(id)) ?? run;
    // Another replica queued the same tick or commit moments ago and may die before publishing it:
    // publish it too while the message id is inside the de-duplication window (stored once). Later,
    // the periodic sweep (requeueStale) covers a lost publish.
    if (stored.status === 'QUEUED' && stored.claimSeq === null && Date.parse(stored.queuedAt) > now - DEDUP_SAFE_MS) await this.#publishDue(stored);
    return { run: stored, inserted };
  }

  /** Puts a run on the work queue (its own subject; message id = run id). */
  async #publishDue(run: Run): Promise<void> {
    await this.#o.bus.publish(subjects.work(this.#db, run.id), { runId: run.id, jobId: run.jobId } satisfies DueRun, { msgId: run.id });
  }

  /** Publishes a run's state on `scheduler.<db>.runs.<job>` (served by the router's `runUpdated`). */
  async publishUpdate(run: Run): Promise<void> {
    const update: RunUpdate = {
      id: run.id,
      jobId: run.jobId,
      status: run.status,
      attempt: run.attempt,
      maxAttempts: run.maxAttempts,
      progress: run.progress,
      error: run.error,
      at: new Date(this.#o.clock.now()).toISOString(),
    };
    const progressKey = run.status === 'RUNNING' && run.progress !== null ? `:${run.progress.done}` : '';
    try {
      await this.#o.bus.publish(subjects.runs(this.#db, run.jobId), update, { msgId: `${run.id}:${run.status}:${run.attempt}${progressKey}` });
    } catch (err) {
      this.#o.logger.warn({ err, run: run.id }, 'run update not published');
    }
  }

  /** Asks every replica to stop a run (the one running it aborts and records `error` when given). */
  async requestCancel(runId: string, error?: RunError): Promise<void> {
    this.#worker.cancelLocal(runId, error);
    await this.#o.bus.publish(subjects.cancel(this.#db), { runId, ...(error === undefined ? {} : { error }) }, { msgId: `cancel:${runId}:${this.#o.clock.now()}` });
  }

  /**
   * Re-publishes runs left `QUEUED` without a message (a replica died between inserting the run and
   * publishing it), whatever their age: a run queued more than `requeueAfterMs` ago, never claimed,
   * whose subject `work.scheduler.<db>.<run>` holds no message (`last`; acked messages leave a
   * work-queue stream, so a backlog's waiting message is seen and nothing is added). The run is
   * re-read after that check (its message could have been handled in between: then it is no longer
   * `QUEUED`). Should a late original publish still land, the worker's claim guard executes the run
   * from one message only. Returns how many it re-published.
   */
  async requeueStale(): Promise<number> {
    const o = this.#o;
    const now = o.clock.now();
    const grace = o.requeueAfterMs ?? 60_000;
    let count = 0;
    let after: RunKey | undefined;
    for (;;) {
      const page = await o.store.listRuns({ status: 'QUEUED' }, after, 200);
      for (const run of page.nodes) {
        if (run.claimSeq !== null || Date.parse(run.queuedAt) > now - grace) continue;
        if ((await o.bus.last(subjects.work(this.#db, run.id))) !== undefined) continue; // waiting in the queue
        const current = await o.store.getRun(run.id);
        if (current === undefined || current.status !== 'QUEUED' || current.claimSeq !== null) continue;
        o.logger.warn({ run: run.id, queuedAt: run.queuedAt }, 'run was queued without its work-queue message; re-published');
        await this.#publishDue(current);
        count++;
      }
      const last = page.nodes.at(-1);
      if (!page.hasNextPage || last === undefined) return count;
      after = { queuedAt: last.queuedAt, id: last.id };
    }
  }

  /** Deletes finished runs older than the retention (500 per pass, one commit); returns how many. */
  async prune(): Promise<number> {
    const retention = this.#o.runRetentionMs ?? 30 * 24 * 3_600_000;
    if (retention <= 0) return 0;
    try {
      return await this.#o.store.pruneRuns(this.#o.clock.now() - retention, 500);
    } catch (err) {
      // Two replicas pruning the same runs: the second delete finds them gone.
      this.#o.logger.debug({ err }, 'run pruning skipped');
      return 0;
    }
  }

  /** Runs executing in this replica. */
  get running(): readonly string[] {
    return this.#worker.running;
  }

  /** Stops ticks and triggers, then the worker (runs in flight are handed back to the queue). */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#ticker.stop();
    this.#stopReload?.();
    await this.#worker.stop();
    await Promise.all(this.#subscriptions.splice(0).map((s) => s.close().catch(() => undefined)));
  }
}
