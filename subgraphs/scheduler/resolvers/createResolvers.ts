import { supergraphError, type Identity } from '../../../lib/index.js';
import type { Scheduler } from '../engine/Scheduler.js';
import { buildJob, checkRunPayload, type JobInput } from '../model/jobInput.js';
import { FINISHED, type Job, type Run, type RunStatus } from '../model/types.js';
import type { RunKey, SchedulerStore } from '../store/SchedulerStore.js';

/** Per-request context. */
export interface SchedulerContext {
  readonly identity: Identity;
  readonly scheduler: Scheduler;
  readonly store: SchedulerStore;
}

type Args = Record<string, unknown>;

const MAX_PAGE = 200;

/**
 * A keyset cursor: the position (queuedAt, id) of a page's last run and the filter it was listed
 * with, as base64url JSON. A cursor of another filter (job, status) is refused like a malformed one.
 */
interface Cursor {
  readonly v: 1;
  readonly q: string;
  readonly k: string;
  readonly j: string | null;
  readonly s: string | null;
}

function encodeCursor(run: Run, jobId: string | undefined, status: RunStatus | undefined): string {
  const c: Cursor = { v: 1, q: run.queuedAt, k: run.id, j: jobId ?? null, s: status ?? null };
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(after: string, jobId: string | undefined, status: RunStatus | undefined): RunKey {
  let c: Partial<Cursor>;
  try {
    c = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    c = {};
  }
  const valid =
    c !== null && typeof c === 'object' && c.v === 1 && typeof c.q === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(c.q) && !Number.isNaN(Date.parse(c.q)) && typeof c.k === 'string' && /^[a-z0-9][a-z0-9.-]{0,199}$/.test(c.k);
  if (!valid) throw supergraphError('INVALID_CURSOR', 'after must be the endCursor of a previous page');
  if (c.j !== (jobId ?? null) || c.s !== (status ?? null)) throw supergraphError('INVALID_CURSOR', 'after is the cursor of a listing with another job or status filter', { reason: 'CURSOR_FILTER_MISMATCH' });
  return { queuedAt: c.q as string, id: c.k as string };
}

async function runPage(ctx: SchedulerContext, jobId: string | undefined, args: Args): Promise<{ nodes: readonly Run[]; endCursor: string | null; hasNextPage: boolean }> {
  const first = (args['first'] as number | null | undefined) ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw supergraphError('BAD_USER_INPUT', `first must be from 1 to ${MAX_PAGE}`, { field: 'first' });
  const status = (args['status'] as RunStatus | null | undefined) ?? undefined;
  const after = args['after'] as string | null | undefined;
  const position = after === undefined || after === null ? undefined : decodeCursor(after, jobId, status);
  const page = await ctx.store.listRuns({ ...(jobId === undefined ? {} : { jobId }), ...(status === undefined ? {} : { status }) }, position, first);
  const last = page.nodes.at(-1);
  // An empty page keeps the caller's position (so polling the end of a listing continues from it).
  return { nodes: page.nodes, hasNextPage: page.hasNextPage, endCursor: last !== undefined ? encodeCursor(last, jobId, status) : (after ?? null) };
}

async function requireJob(ctx: SchedulerContext, id: string): Promise<Job> {
  const job = await ctx.store.getJob(id);
  if (job === undefined) throw supergraphError('NOT_FOUND', `No job ${JSON.stringify(id)}`, { reason: 'JOB_NOT_FOUND', id });
  return job;
}

async function requireRun(ctx: SchedulerContext, id: string): Promise<Run> {
  const run = await ctx.store.getRun(id);
  if (run === undefined) throw supergraphError('NOT_FOUND', `No run ${JSON.stringify(id)}`, { reason: 'RUN_NOT_FOUND', id });
  return run;
}

const user = (ctx: SchedulerContext): string => ctx.identity.sub;
const scopes = (ctx: SchedulerContext): readonly string[] => ctx.identity.scopes;
const trace = (ctx: SchedulerContext): { traceId?: string } => (ctx.identity.traceId === undefined ? {} : { traceId: ctx.identity.traceId });

/** Kind names in storage ↔ GraphQL enum values. */
const KIND_ENUM = { REEMBED: 'reembed', BRANCH_GC: 'branch-gc', SNAPSHOT: 'snapshot', VALIDATE: 'validate', WEBHOOK: 'webhook' } as const;

/** The resolvers of `schema.graphql`. */
export function createResolvers(): Record<string, unknown> {
  return {
    JobKind: KIND_ENUM,
    Query: {
      jobs: async (_: unknown, args: Args, ctx: SchedulerContext) =>
        (await ctx.store.listJobs()).filter((j) => (args['kind'] == null || j.kind === args['kind']) && (args['enabled'] == null || j.enabled === args['enabled'])),
      job: (_: unknown, args: Args, ctx: SchedulerContext) => ctx.store.getJob(String(args['id'])).then((j) => j ?? null),
      runs: (_: unknown, args: Args, ctx: SchedulerContext) => runPage(ctx, (args['job'] as string | null | undefined) ?? undefined, args),
      run: (_: unknown, args: Args, ctx: SchedulerContext) => ctx.store.getRun(String(args['id'])).then((r) => r ?? null),
    },
    Mutation: {
      createJob: async (_: unknown, args: Args, ctx: SchedulerContext) => {
        const job = buildJob(args['input'] as JobInput, { owner: user(ctx), scopes: scopes(ctx), now: ctx.scheduler.now() });
        const inserted = await ctx.store.insertJob(job, { user: user(ctx), text: `create job ${job.id} (${job.kind})`, ...trace(ctx) });
        if (!inserted) throw supergraphError('CONFLICT', `A job ${job.id} exists already`);
        await ctx.scheduler.announceJob(job);
        return job;
      },
      updateJob: async (_: unknown, args: Args, ctx: SchedulerContext) => {
        const existing = await requireJob(ctx, String(args['id']));
        const input = args['input'] as JobInput;
        if (input.kind !== undefined) throw supergraphError('BAD_USER_INPUT', 'the kind of a job cannot change', { field: 'kind' });
        const job = buildJob(input, { owner: user(ctx), scopes: scopes(ctx), now: Math.max(ctx.scheduler.now(), Date.parse(existing.updatedAt) + 1), existing });
        await ctx.store.replaceJob(job, { user: user(ctx), text: `update job ${job.id}`, ...trace(ctx) });
        await ctx.scheduler.announceJob(job);
        return job;
      },
      runJobNow: async (_: unknown, args: Args, ctx: SchedulerContext) => {
        const job = await requireJob(ctx, String(args['id']));
        const payload = checkRunPayload(job, args['payload']);
        return ctx.scheduler.enqueue(job, { trigger: 'MANUAL', user: user(ctx), scopes: scopes(ctx), payload, ...trace(ctx) });
      },
      deleteJob: async (_: unknown, args: Args, ctx: SchedulerContext) => {
        const job = await requireJob(ctx, String(args['id']));
        const cancelledRuns = await ctx.scheduler.deleteJob(job, { user: user(ctx), text: `delete job ${job.id}`, ...trace(ctx) });
        return { id: job.id, job, cancelledRuns };
      },
      cancelRun: async (_: unknown, args: Args, ctx: SchedulerContext) => {
        const run = await requireRun(ctx, String(args['id']));
        if (FINISHED.has(run.status)) throw supergraphError('CONFLICT', `Run ${run.id} has finished (${run.status}): nothing to cancel`, { reason: 'RUN_FINISHED', status: run.status });
        const cancelled: Run = { ...run, status: 'CANCELLED', finishedAt: new Date(ctx.scheduler.now()).toISOString(), nextAttemptAt: null };
        await ctx.store.replaceRun(cancelled, { user: user(ctx), text: `cancel run ${run.id}`, ...trace(ctx) });
        await ctx.scheduler.requestCancel(run.id);
        await ctx.scheduler.publishUpdate(cancelled);
        return cancelled;
      },
      retryRun: async (_: unknown, args: Args, ctx: SchedulerContext) => {
        const run = await requireRun(ctx, String(args['id']));
        if (!FINISHED.has(run.status)) throw supergraphError('CONFLICT', `Run ${run.id} is ${run.status}: only a finished run can be retried`, { reason: 'RUN_NOT_FINISHED', status: run.status });
        const job = await requireJob(ctx, run.jobId);
        return ctx.scheduler.enqueue(job, { trigger: 'RETRY', user: user(ctx), scopes: scopes(ctx), payload: run.payload, ...(run.commit === null ? {} : { commit: run.commit }), retryOf: run.id, ...trace(ctx) });
      },
    },
    Job: {
      __resolveReference: (ref: { id: string }, ctx: SchedulerContext) => ctx.store.getJob(ref.id).then((j) => j ?? null),
      timeoutSeconds: (job: Job) => job.timeoutMs / 1000,
      nextRunAt: (job: Job, _: Args, ctx: SchedulerContext) => {
        if (!job.enabled || job.cron === null) return null;
        const next = ctx.scheduler.ticker.nextTick(job.id);
        return next === undefined ? null : new Date(next).toISOString();
      },
      runs: (job: Job, args: Args, ctx: SchedulerContext) => runPage(ctx, job.id, args),
    },
    Run: {
      __resolveReference: (ref: { id: string }, ctx: SchedulerContext) => ctx.store.getRun(ref.id).then((r) => r ?? null),
      job: (run: Run, _: Args, ctx: SchedulerContext) => ctx.store.getJob(run.jobId).then((j) => j ?? null),
    },
  };
}
