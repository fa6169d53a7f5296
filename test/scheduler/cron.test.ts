import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitSubject, type CommitEvent } from '../../lib/index.js';
import { fakeClock, type FakeClock } from './fakeClock.js';
import { eventually, queuedRun, startDb, startScheduler, startServer, type Db, type InProcessScheduler, type TestServer } from './harness.js';

/** The latest whole hour at or before `ms`. */
const lastHour = (ms: number): number => ms - (ms % 3_600_000);

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
    const claims = async (): Promise<string[]> =>
      ((await db.terminus.graphql<{ RunClaim: { key: string }[] }>({ branch: 'svc-scheduler' }, 'query { RunClaim { key } }', {})).data?.RunClaim ?? []).map((c) => c.key).filter((k) => k.startsWith(`${job}-`));
    const before = await runs(job);
    expect((await claims()).sort()).toEqual(before.map((r) => r.id).sort()); // each executed run was claimed once
    await s.scheduler.prune();
    const left = await runs(job);
    expect(left).toHaveLength(1);
    expect(left[0]?.scheduledAt ?? '').toMatch(/^2026-06-/);
    expect(await claims()).toEqual([left[0]?.id]); // the pruned run's claim went with it
  });

  it('the same tick enqueued twice (two replicas) is one run', async () => {
    const created = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Dup", kind: WEBHOOK, payload: $p}) { id } }`, { p: { url: hook.url } });
    const job = s.scheduler.jobs.get(created.data!.createJob.id)!;
    const at = Date.parse('2026-05-01T11:00:00Z');
    const [r1, r2] = await Promise.all([
      s.scheduler.enqueue(job, { trigger: 'CRON', user: job.owner, scopes: job.ownerScopes, scheduledAt: at, runId: `${job.id}-t${at}` }),
      s.scheduler.enqueue(job, { trigger: 'CRON', user: job.owner, scopes: job.ownerScopes, scheduledAt: at, runId: `${job.id}-t${at}` }),
    ]);
    expect(r1.id).toBe(r2.id);
    await eventually(() => runs(job.id), (r) => r.length === 1 && r[0]?.status === 'SUCCEEDED', 10_000, 'the run');
    expect(hook.requests.filter((r) => r.headers['idempotency-key'] === r1.id)).toHaveLength(1);
  });

  it('re-queues a run left QUEUED by a replica that died before publishing it, however old, once', async () => {
    const created = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Orphan", kind: WEBHOOK, payload: $p}) { id } }`, { p: { url: hook.url } });
    const job = s.scheduler.jobs.get(created.data!.createJob.id)!;
    const orphan = (id: string, agoMs: number): Promise<boolean> => s.store.insertRun(queuedRun(job, id, clock.now() - agoMs), { user: job.owner, text: 'test: orphaned run' });
    await orphan(`${job.id}-orphan`, 2 * 60_000);
    await orphan(`${job.id}-ancient`, 3 * 24 * 3_600_000); // far outside the 10-minute de-dup window
    await orphan(`${job.id}-fresh`, 10_000); // its publisher may still be retrying: left alone
    expect(await s.scheduler.requeueStale()).toBe(2);
    const done = await eventually(() => runs(job.id), (r) => r.filter((x) => x.status === 'SUCCEEDED').length === 2, 10_000, 'the orphaned runs');
    expect(done.filter((x) => x.status === 'SUCCEEDED').map((x) => x.id).sort()).toEqual([`${job.id}-ancient`, `${job.id}-orphan`]);
    expect(done.find((x) => x.id === `${job.id}-fresh`)?.status).toBe('QUEUED');
    // A second sweep finds nothing to do; each run was executed once.
    expect(await s.scheduler.requeueStale()).toBe(0);
    for (const id of [`${job.id}-ancient`, `${job.id}-orphan`]) expect(hook.requests.filter((r) => r.headers['idempotency-key'] === id)).toHaveLength(1);
  });

  describe('missed ticks (catchUp), with replicas started later on a moved clock', () => {
    const catchUpRuns = async (job: string): Promise<string[]> => (await runs(job)).filter((r) => r.trigger === 'CRON').map((r) => r.id);

    it('LAST queues the latest missed tick once (two replicas starting together make one run); NONE skips them', async () => {
      const mk = async (name: string, extra: string): Promise<string> => {
        const r = await s.gql<{ createJob: { id: string; catchUp: string } }>(`mutation($p: JSON) { createJob(input: {name: "${name}", kind: WEBHOOK, payload: $p, cron: "0 * * * *" ${extra}}) { id catchUp } }`, { p: { url: hook.url } });
        expect(r.errors).toBeUndefined();
        return r.data!.createJob.id;
      };
      const last = await mk('Hourly last', '');
      const none = await mk('Hourly none', ', catchUp: NONE');
      expect((await s.gql<{ job: { catchUp: string } }>(`query($id: ID!) { job(id: $id) { catchUp } }`, { id: last })).data!.job.catchUp).toBe('LAST');
      // Every replica was down from now until 3 h 20 min later (ticks at +1 h, +2 h, +3 h missed).
      const later = fakeClock(new Date(clock.now() + 3 * 3_600_000 + 20 * 60_000).toISOString());
      const latest = lastHour(later.now());
      const [r1, r2] = await Promise.all([startScheduler(db, { clock: later, bus: s.bus }), startScheduler(db, { clock: later, bus: s.bus })]);
      try {
        const ran = await eventually(() => runs(last), (r) => r.length === 1 && r[0]?.status === 'SUCCEEDED', 10_000, 'the caught-up tick');
        expect(ran[0]).toMatchObject({ id: `${last}-t${latest}`, trigger: 'CRON', scheduledAt: new Date(latest).toISOString() });
        expect(await catchUpRuns(none)).toEqual([]);
        // Starting again (a restart, another replica) changes nothing: the tick's run exists.
        expect(await r1.scheduler.catchUpMissed()).toEqual([]);
        expect(await catchUpRuns(last)).toEqual([`${last}-t${latest}`]);
        expect(hook.requests.filter((r) => r.headers['idempotency-key'] === `${last}-t${latest}`)).toHaveLength(1);
      } finally {
        await r1.close();
        await r2.close();
      }
    });

    it('never catches up a tick from before the schedule was set, nor one older than the run retention', async () => {
      const base = clock.now();
      const created = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Daily", kind: WEBHOOK, payload: $p, cron: "0 0 * * *", enabled: false}) { id } }`, { p: { url: hook.url } });
      const job = created.data!.createJob.id;
      // Disabled across midnight, then enabled: the ticks while disabled are not "missed".
      const onDay2 = fakeClock(new Date(base + 30 * 3_600_000).toISOString());
      {
        await using r = await startScheduler(db, { clock: onDay2, bus: s.bus });
        expect(await r.scheduler.catchUpMissed()).toEqual([]);
        expect((await r.gql(`mutation($id: ID!) { updateJob(id: $id, input: {enabled: true}) { id } }`, { id: job })).errors).toBeUndefined(); // at onDay2's time
        // Enabled now: the midnight tick before it is not caught up.
        expect(await r.scheduler.catchUpMissed()).toEqual([]);
      }
      // Down for 3 days after enabling: the latest tick (midnight) is caught up...
      const day5 = fakeClock(new Date(base + 4 * 24 * 3_600_000 + 5 * 3_600_000).toISOString());
      {
        await using r = await startScheduler(db, { clock: day5, bus: s.bus, engine: { runRetentionMs: 2 * 24 * 3_600_000 } });
        await eventually(() => catchUpRuns(job), (ids) => ids.length === 1, 10_000, 'one caught-up run');
        expect(await catchUpRuns(job)).toEqual([`${job}-t${Date.parse(new Date(day5.now()).toISOString().slice(0, 10))}`]);
        expect(await r.scheduler.catchUpMissed()).toEqual([]); // once
      }
      // ...but with a retention shorter than the time since the last tick, nothing is (its run may have been pruned).
      const weekly = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Weekly", kind: WEBHOOK, payload: $p, cron: "0 0 * * 1"}) { id } }`, { p: { url: hook.url } });
      const wjob = weekly.data!.createJob.id;
      const stored = (await s.store.getJob(wjob))!;
      await s.store.replaceJob({ ...stored, scheduleSince: new Date(base - 30 * 24 * 3_600_000).toISOString() }, { user: 'alice', text: 'test: an old schedule' });
      const far = fakeClock(new Date(base + 12 * 24 * 3_600_000).toISOString());
      {
        await using r = await startScheduler(db, { clock: far, bus: s.bus, engine: { runRetentionMs: 3_600_000 } });
        expect(await r.scheduler.catchUpMissed()).toEqual([]);
      }
      expect(await catchUpRuns(wjob)).toEqual([]);
    });
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
