import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitSubject, type CommitEvent } from '../../lib/index.js';
import { fakeClock, type FakeClock } from './fakeClock.js';
import { eventually, startDb, startScheduler, startServer, type Db, type InProcessScheduler, type TestServer } from './harness.js';

type RunsPage = { runs: { nodes: { id: string; trigger: string; scheduledAt: string; status: string; commit: string | null }[] } };

describe('cron ticks with an injected clock, and on-commit triggers (kernel, in-memory bus)', () => {
  let db: Db;
  let clock: FakeClock;
  let s: InProcessScheduler;
  let hook: TestServer;
  beforeAll(async () => {
    db = await startDb();
    clock = fakeClock('2026-05-01T10:00:03.500Z');
    s = await startScheduler(db, { clock });
    hook = await startServer((_req, res) => res.end('ok'));
  });
  afterAll(async () => {
    await s?.close();
    await hook?.close();
    await db?.close();
  });

  const runs = async (job: string): Promise<RunsPage['runs']['nodes']> =>
    (await s.gql<RunsPage>(`query($job: ID) { runs(job: $job, first: 100) { nodes { id trigger scheduledAt status commit } } }`, { job })).data!.runs.nodes;

  it('creates one run per tick, at the tick time, and none in between', async () => {
    const created = await s.gql<{ createJob: { id: string; nextRunAt: string } }>(`mutation($p: JSON) { createJob(input: {name: "Tick", kind: WEBHOOK, payload: $p, cron: "*/10 * * * * *"}) { id nextRunAt } }`, { p: { url: hook.url } });
    expect(created.errors).toBeUndefined();
    const job = created.data!.createJob.id;
    expect(created.data!.createJob.nextRunAt).toBe('2026-05-01T10:00:10.000Z');
    await clock.advance(6_499); // 10:00:09.999
    expect(await runs(job)).toEqual([]);
    await clock.advance(1); // 10:00:10.000
    await eventually(() => runs(job), (r) => r.length === 1, 10_000, 'the first tick');
    await clock.advance(25_000); // 10:00:35 → ticks at :20 and :30
    const all = await eventually(() => runs(job), (r) => r.length === 3 && r.every((x) => x.status === 'SUCCEEDED'), 10_000, 'three ticks run');
    expect(all.map((r) => r.scheduledAt).sort()).toEqual(['2026-05-01T10:00:10.000Z', '2026-05-01T10:00:20.000Z', '2026-05-01T10:00:30.000Z']);
    expect(all.every((r) => r.trigger === 'CRON' && r.id.startsWith(`${job}-t`))).toBe(true);
    // Disabled: no more ticks.
    await s.gql(`mutation($id: ID!) { updateJob(id: $id, input: {enabled: false}) { id } }`, { id: job });
    await clock.advance(60_000);
    expect(await runs(job)).toHaveLength(3);
  });

  it('prunes finished runs past the retention and keeps newer ones', async () => {
    const created = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Old", kind: WEBHOOK, payload: $p}) { id } }`, { p: { url: hook.url } });
    const job = created.data!.createJob.id;
    await s.gql(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: job });
    await eventually(() => runs(job), (r) => r.length === 1 && r[0]?.status === 'SUCCEEDED', 10_000, 'the old run');
    await clock.advance(40 * 24 * 3_600_000); // 40 days later (the periodic loop prunes too; prune() is idempotent)
    await s.gql(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: job });
    await eventually(() => runs(job), (r) => r.length >= 1 && r.every((x) => x.status === 'SUCCEEDED') && r.some((x) => x.scheduledAt.startsWith('2026-06-')), 10_000, 'the new run');
    await s.scheduler.prune();
    const left = await runs(job);
    expect(left).toHaveLength(1);
    expect(left[0]?.scheduledAt ?? '').toMatch(/^2026-06-/);
  });

  it('the same tick enqueued twice (two replicas) is one run', async () => {
    const created = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Dup", kind: WEBHOOK, payload: $p}) { id } }`, { p: { url: hook.url } });
    const job = s.scheduler.jobs.get(created.data!.createJob.id)!;
    const at = Date.parse('2026-05-01T11:00:00Z');
    const [r1, r2] = await Promise.all([
      s.scheduler.enqueue(job, { trigger: 'CRON', user: job.owner, scheduledAt: at, runId: `${job.id}-t${at}` }),
      s.scheduler.enqueue(job, { trigger: 'CRON', user: job.owner, scheduledAt: at, runId: `${job.id}-t${at}` }),
    ]);
    expect(r1.id).toBe(r2.id);
    await eventually(() => runs(job.id), (r) => r.length === 1 && r[0]?.status === 'SUCCEEDED', 10_000, 'the run');
    expect(hook.requests.filter((r) => r.headers['idempotency-key'] === r1.id)).toHaveLength(1);
  });

  it('re-queues a run left QUEUED by a replica that died before publishing it (within the de-dup window only)', async () => {
    const created = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Orphan", kind: WEBHOOK, payload: $p}) { id } }`, { p: { url: hook.url } });
    const job = s.scheduler.jobs.get(created.data!.createJob.id)!;
    const orphan = (id: string, agoMs: number) => {
      const at = new Date(clock.now() - agoMs).toISOString();
      return s.store.insertRun(
        { id, jobId: job.id, kind: 'webhook', status: 'QUEUED', trigger: 'CRON', commit: null, payload: job.payload, attempt: 0, maxAttempts: 3, scheduledAt: at, queuedAt: at, startedAt: null, finishedAt: null, nextAttemptAt: null, progress: null, result: null, error: null, attempts: [], requestedBy: job.owner, retryOf: null },
        { user: job.owner, text: 'test: orphaned run' },
      );
    };
    await orphan(`${job.id}-orphan`, 2 * 60_000);
    await orphan(`${job.id}-ancient`, 20 * 60_000);
    await s.scheduler.requeueStale();
    await eventually(() => runs(job.id), (r) => r.some((x) => x.id === `${job.id}-orphan` && x.status === 'SUCCEEDED'), 10_000, 'the orphan run');
    expect((await runs(job.id)).find((x) => x.id === `${job.id}-ancient`)?.status).toBe('QUEUED');
  });

  it('runs a job after each matching commit event, once, and ignores other branches, types and service branches', async () => {
    const created = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "On commit", kind: WEBHOOK, payload: $p, trigger: {branch: "main", types: ["Dataset"]}}) { id } }`, { p: { url: hook.url } });
    const job = created.data!.createJob.id;
    const event = (commit: string, branch: string, type: string): CommitEvent => ({
      version: 1, kind: 'commit', db: db.db, branch, commit, parent: null, author: 'x@core', message: 'm', trailers: {}, traceId: null, userSid: null,
      timestamp: new Date().toISOString(), changes: [{ id: `${type}/a`, type, op: 'inserted' }], changeCount: 1, truncated: false,
    } as unknown as CommitEvent);
    for (const [commit, branch, type] of [['c1match', 'main', 'Dataset'], ['c2other', 'main', 'Tag'], ['c3branch', 'feature/x', 'Dataset'], ['c4svc', 'svc-core', 'Dataset']] as const) {
      await s.bus.publish(commitSubject(db.db, branch), event(commit, branch, type), { msgId: commit });
    }
    await s.bus.publish(commitSubject(db.db, 'main'), event('c1match', 'main', 'Dataset'), { msgId: 'c1match-again' }); // a redelivered/duplicate event
    const got = await eventually(() => runs(job), (r) => r.length >= 1 && r.every((x) => x.status === 'SUCCEEDED'), 10_000, 'the triggered run');
    await new Promise((r) => setTimeout(r, 300));
    expect((await runs(job)).map((r) => [r.trigger, r.commit])).toEqual([['COMMIT', 'c1match']]);
    expect(got[0]?.id).toBe(`${job}-cc1match`);
  });
});
