import { randomBytes } from 'node:crypto';
import type { Counter } from 'prom-client';
import { consumeCommits, type CommitEvent, type EventBus, type Logger, type Metrics, type Subscription } from '../../../lib/index.js';
import { KINDS } from '../kinds/index.js';
import type { JobKind, KindDeps } from '../kinds/JobKind.js';
import { FINISHED, type DueRun, type Job, type Run, type RunTrigger } from '../model/types.js';
import type { SchedulerStore, WriteMeta } from '../store/SchedulerStore.js';
import type { Clock } from './Clock.js';
import { CronTicker } from './CronTicker.js';
import { RunWorker } from './RunWorker.js';
import { schedulerMetrics } from './schedulerMetrics.js';
import { subjects, type RunUpdate } from './subjects.js';

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
    this.#subscriptions.push(await bus.subscribe<{ runId?: unknown }>({ subject: subjects.cancel(this.#db), start: { kind: 'new' } }, (d) => {
      if (typeof d.data.runId === 'string') this.#worker.cancelLocal(d.data.runId);
    }));
    if (o.worker !== false) {
      this.#subscriptions.push(
        await bus.subscribe<DueRun>(
          { subject: subjects.work(this.#db), durable: subjects.durable(this.#db), start: { kind: 'first' }, ackWaitMs: o.ackWaitMs ?? 30_000, maxAckPending: o.concurrency ?? 4 },
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

  async #tick(jobId: string, scheduledAt: number): Promise<void> {
    const job = this.#jobs.get(jobId);
    if (job === undefined || !job.enabled) return;
    try {
      await this.enqueue(job, { trigger: 'CRON', user: job.owner, scheduledAt, runId: `${job.id}-t${scheduledAt}` });
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
      await this.enqueue(job, { trigger: 'COMMIT', user: job.owner, commit: event.commit, runId: `${job.id}-c${event.commit}` });
    }
  }

  /**
   * Creates a run (`QUEUED`) and puts it on the work queue. With a deterministic `runId` the call is
   * idempotent across replicas: the existing run is returned and the publish is de-duplicated.
   */
  async enqueue(job: Job, request: EnqueueRequest): Promise<Run> {
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
      retryOf: request.retryOf ?? null,
    };
    const meta: WriteMeta = { user: request.user, text: `queue ${request.trigger.toLowerCase()} run ${id} of job ${job.id}`, ...(request.traceId === undefined ? {} : { traceId: request.traceId }) };
    const inserted = await this.#o.store.insertRun(run, meta);
    this.#queued?.inc({ trigger: request.trigger, duplicate: String(!inserted) });
    const stored = inserted ? run : ((await this.#o.store.getRun(id)) ?? run);
    // Published even when another replica inserted it: that replica may have died before publishing.
    if (!FINISHED.has(stored.status)) await this.#o.bus.publish(subjects.work(this.#db), { runId: id, jobId: job.id } satisfies DueRun, { msgId: id });
    if (inserted) await this.publishUpdate(run);
    return stored;
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

  /** Asks every replica to stop a run (the one running it aborts). */
  async requestCancel(runId: string): Promise<void> {
    this.#worker.cancelLocal(runId);
    await this.#o.bus.publish(subjects.cancel(this.#db), { runId }, { msgId: `cancel:${runId}:${this.#o.clock.now()}` });
  }

  /**
   * Re-publishes runs queued 1 to 9 minutes ago that are still `QUEUED` (a replica died between the
   * insert and the publish). Inside the work queue's 10-minute de-duplication window, so a run whose
   * message is in the queue is never queued twice.
   */
  async requeueStale(): Promise<void> {
    const page = await this.#o.store.listRuns({ status: 'QUEUED' }, 0, 500);
    const now = this.#o.clock.now();
    for (const run of page.nodes) {
      const queued = Date.parse(run.queuedAt);
      if (queued > now - 60_000 || queued < now - 9 * 60_000) continue;
      await this.#o.bus.publish(subjects.work(this.#db), { runId: run.id, jobId: run.jobId } satisfies DueRun, { msgId: run.id });
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
