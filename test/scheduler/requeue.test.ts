/**
 * A run left `QUEUED` without its work-queue message (a replica died between inserting the run and
 * publishing it) is re-published whatever its age, never while its message waits in the queue, and a
 * run with two messages (a re-publish and a late original) is executed once (kernel, nats-server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedulerSubjects, type Job } from '../../subgraphs/scheduler/index.js';
import { startNatsServer, type NatsServer } from '../events/natsServer.js';
import { eventually, queuedRun, startDb, startScheduler, startServer, type Db, type InProcessScheduler, type TestServer } from './harness.js';

type RunView = { id: string; status: string; attempt: number; attempts: { outcome: string }[] };

describe('re-queueing runs that lost their message, and one execution per run (kernel, nats-server)', () => {
  let nats: NatsServer;
  let db: Db;
  /** API, triggers and the sweep; no worker: due runs wait in the queue until a worker starts. */
  let api: InProcessScheduler;
  let hook: TestServer;
  let job: Job;
  beforeAll(async () => {
    nats = await startNatsServer();
    db = await startDb();
    api = await startScheduler(db, { natsUrl: nats.url, engine: { worker: false, requeueAfterMs: 30_000 } });
    // Slow enough that two deliveries of one run would overlap.
    hook = await startServer((_req, res) => void setTimeout(() => res.end('ok'), 150));
    const created = await api.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Hook", kind: WEBHOOK, payload: $p, retry: {maxAttempts: 3, initialDelayMs: 100}}) { id } }`, { p: { url: hook.url } });
    expect(created.errors).toBeUndefined();
    job = api.scheduler.jobs.get(created.data!.createJob.id)!;
  });
  afterAll(async () => {
    await api?.close();
    await hook?.close();
    await db?.close();
    await nats?.close();
  });

  const view = async (id: string): Promise<RunView> => (await api.gql<{ run: RunView }>(`query($id: ID!) { run(id: $id) { id status attempt attempts { outcome } } }`, { id })).data!.run;
  const calls = (id: string): number => hook.requests.filter((r) => r.headers['idempotency-key'] === id).length;
  const work = (id: string): string => schedulerSubjects.work(db.db, id);

  it('re-publishes an old run without a message, not one whose message waits in the queue; each runs once', async () => {
    // Waiting: queued through the API (published) long enough ago for the sweep to consider it.
    const waiting = (await api.gql<{ runJobNow: { id: string } }>(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: job.id })).data!.runJobNow.id;
    const message = await api.bus.last(work(waiting));
    expect(message).toBeDefined();
    const stored = (await api.store.getRun(waiting))!;
    await api.store.replaceRun({ ...stored, queuedAt: new Date(Date.now() - 2 * 3_600_000).toISOString() }, { user: 'alice', text: 'test: queued 2 h ago (a backlog)' });
    // Orphaned: inserted 2 h ago, never published (its replica died), far outside the de-dup window.
    const orphan = `${job.id}-orphan`;
    await api.store.insertRun(queuedRun(job, orphan, Date.now() - 2 * 3_600_000), { user: 'alice', text: 'test: orphaned run' });
    expect(await api.bus.last(work(orphan))).toBeUndefined();

    expect(await api.scheduler.requeueStale()).toBe(1);
    expect((await api.bus.last(work(waiting)))?.seq).toBe(message?.seq); // nothing added for the waiting run
    expect(await api.bus.last(work(orphan))).toBeDefined();
    expect(await api.scheduler.requeueStale()).toBe(0); // the orphan's message now waits too

    await using worker = await startScheduler(db, { natsUrl: nats.url, engine: { cron: false, triggers: false } });
    for (const id of [waiting, orphan]) {
      await eventually(() => view(id), (r) => r.status === 'SUCCEEDED', 20_000, `run ${id}`);
      expect(calls(id)).toBe(1);
      await eventually(() => api.bus.last(work(id)), (m) => m === undefined, 10_000, `the message of ${id} acked`);
    }
    expect(worker.attempts.filter((r) => r.id === orphan || r.id === waiting)).toHaveLength(2);
  });

  it('a run with two messages (a re-publish and a late original publish) is executed once by two replicas', async () => {
    // Ten runs, each with two messages in the queue before any worker starts.
    const ids = Array.from({ length: 10 }, (_, i) => `${job.id}-twice-${i}`);
    for (const id of ids) {
      await api.store.insertRun(queuedRun(job, id, Date.now()), { user: 'alice', text: 'test: a run published twice' });
      const first = await api.bus.publish(work(id), { runId: id, jobId: job.id }, { msgId: id });
      const late = await api.bus.publish(work(id), { runId: id, jobId: job.id }, { msgId: `${id}:late` });
      expect([first.duplicate, late.duplicate, late.seq > first.seq]).toEqual([false, false, true]);
    }
    const [a, b] = await Promise.all([
      startScheduler(db, { natsUrl: nats.url, engine: { cron: false, triggers: false, concurrency: 8 } }),
      startScheduler(db, { natsUrl: nats.url, engine: { cron: false, triggers: false, concurrency: 8 } }),
    ]);
    try {
      for (const id of ids) {
        const run = await eventually(() => view(id), (r) => r.status === 'SUCCEEDED', 30_000, `run ${id}`);
        expect(run.attempt, id).toBe(1);
        expect(run.attempts.map((x) => x.outcome), id).toEqual(['ok']);
        await eventually(() => api.bus.last(work(id)), (m) => m === undefined, 10_000, `both messages of ${id} acked`);
      }
      await new Promise((r) => setTimeout(r, 500)); // a second execution would have called by now
      expect(ids.map(calls)).toEqual(ids.map(() => 1));
      const stored = await Promise.all(ids.map((id) => api.store.getRun(id)));
      expect(stored.every((r) => r?.claimSeq !== null)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
