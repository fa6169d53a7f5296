import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsEventBus, type EventBus } from '../../lib/index.js';
import { schedulerSubjects, type Run } from '../../subgraphs/scheduler/index.js';
import { startNatsServer, type NatsServer } from '../events/natsServer.js';
import { eventually, RUN_FIELDS, SCHEDULER_STREAMS, startDb, startScheduler, startServer, type Db, type InProcessScheduler, type TestServer } from './harness.js';

type RunView = Pick<Run, 'id' | 'status' | 'attempt' | 'error'> & { attempts: { attempt: number; outcome: string; delayMs: number | null; error: { code: string } | null }[] };

describe('retries, backoff and dead letters (kernel, nats-server)', () => {
  let nats: NatsServer;
  let db: Db;
  let s: InProcessScheduler;
  let bus: EventBus;
  beforeAll(async () => {
    nats = await startNatsServer();
    db = await startDb();
    s = await startScheduler(db, { natsUrl: nats.url });
    bus = await NatsEventBus.connect({ servers: nats.url, streams: SCHEDULER_STREAMS });
  });
  afterAll(async () => {
    await bus?.close();
    await s?.close();
    await db?.close();
    await nats?.close();
  });

  async function runOnce(server: TestServer, input: string): Promise<{ job: string; run: string }> {
    const created = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Hook", kind: WEBHOOK, payload: $p, ${input}}) { id } }`, { p: { url: server.url } });
    expect(created.errors).toBeUndefined();
    const job = created.data!.createJob.id;
    const run = (await s.gql<{ runJobNow: { id: string } }>(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: job })).data!.runJobNow.id;
    return { job, run };
  }
  const finished = (run: string): Promise<RunView> =>
    eventually(
      async () => (await s.gql<{ run: RunView }>(`query($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`, { id: run })).data!.run,
      (r) => ['SUCCEEDED', 'DEAD', 'CANCELLED'].includes(r.status),
      30_000,
      `run ${run} finished`,
    );

  it('a job that always fails goes to the dead-letter stream after its last attempt, with exponential backoff between attempts', async () => {
    await using server = await startServer((_req, res) => {
      res.statusCode = 500;
      res.end('broken');
    });
    const { job, run } = await runOnce(server, 'retry: {maxAttempts: 4, initialDelayMs: 300, maxDelayMs: 5000, jitter: 0.5}');
    const final = await finished(run);
    expect(final).toMatchObject({ status: 'DEAD', attempt: 4, error: { code: 'ATTEMPT_FAILED' } });
    expect(final.attempts.map((a) => [a.attempt, a.outcome])).toEqual([[1, 'failed'], [2, 'failed'], [3, 'failed'], [4, 'failed']]);
    // Recorded delays follow 300 × 2^(n−1) with up to half taken off at random.
    const delays = final.attempts.slice(0, 3).map((a) => a.delayMs ?? -1);
    delays.forEach((d, i) => {
      const full = 300 * 2 ** i;
      expect(d).toBeGreaterThanOrEqual(full / 2);
      expect(d).toBeLessThanOrEqual(full);
    });
    expect(final.attempts[3]?.delayMs ?? null).toBeNull();
    // The server saw each retry no earlier than its recorded delay after the previous call.
    const calls = server.requests.filter((r) => r.headers['idempotency-key'] === run).map((r) => r.at);
    expect(calls).toHaveLength(4);
    for (let i = 1; i < calls.length; i++) expect((calls[i] ?? 0) - (calls[i - 1] ?? 0)).toBeGreaterThanOrEqual((delays[i - 1] ?? 0) - 5);
    // One dead letter, with the run and its last error.
    const dead = await bus.replay<{ run: Run; error: { code: string } }>({ subject: schedulerSubjects.dead(db.db), after: 0 });
    expect(dead.messages.filter((m) => m.data.run.id === run)).toHaveLength(1);
    expect(dead.messages.find((m) => m.data.run.id === run)?.data).toMatchObject({ error: { code: 'ATTEMPT_FAILED' }, run: { status: 'DEAD', attempt: 4 } });
    // Run updates for subscribers: each transition, in order.
    const updates = await bus.replay<{ id: string; status: string; attempt: number }>({ subject: schedulerSubjects.runs(db.db, job), after: 0 });
    expect(updates.messages.filter((m) => m.data.id === run).map((m) => `${m.data.status}:${m.data.attempt}`)).toEqual([
      'QUEUED:0', 'RUNNING:1', 'RETRYING:1', 'RUNNING:2', 'RETRYING:2', 'RUNNING:3', 'RETRYING:3', 'RUNNING:4', 'DEAD:4',
    ]);
  });

  it('a run whose last attempt crashed (its process died) goes to the dead letters without running again', async () => {
    await using server = await startServer((_req, res) => res.end('ok'));
    const created = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Last", kind: WEBHOOK, payload: $p, retry: {maxAttempts: 2}}) { id } }`, { p: { url: server.url } });
    const job = s.scheduler.jobs.get(created.data!.createJob.id)!;
    // What a replica killed during attempt 2 of 2 leaves behind: the run RUNNING, the attempt open, the message unacked.
    const id = `${job.id}-crashed`;
    const startedAt = new Date().toISOString();
    await s.store.insertRun(
      {
        id, jobId: job.id, kind: 'webhook', status: 'RUNNING', trigger: 'MANUAL', commit: null, payload: job.payload, attempt: 2, maxAttempts: 2, scheduledAt: startedAt, queuedAt: startedAt,
        startedAt, finishedAt: null, nextAttemptAt: null, progress: null, result: null, error: null, requestedBy: 'alice', scopes: [], retryOf: null, claimSeq: null,
        attempts: [{ attempt: 1, startedAt, finishedAt: startedAt, outcome: 'failed', error: { code: 'ATTEMPT_FAILED', message: 'x' }, delayMs: 10 }, { attempt: 2, startedAt }],
      },
      { user: 'alice', text: 'test: a crashed run' },
    );
    await s.bus.publish(schedulerSubjects.work(db.db, id), { runId: id, jobId: job.id }, { msgId: id });
    const final = await finished(id);
    expect(final).toMatchObject({ status: 'DEAD', attempt: 2, error: { code: 'CRASHED' } });
    expect(final.attempts.map((a) => a.outcome)).toEqual(['failed', 'crashed']);
    expect(server.requests).toHaveLength(0);
    const dead = await bus.replay<{ run: Run }>({ subject: schedulerSubjects.dead(db.db), after: 0 });
    expect(dead.messages.filter((m) => m.data.run.id === id)).toHaveLength(1);
  });

  it('a webhook that fails twice succeeds on the third attempt', async () => {
    await using server = await startServer((_req, res, _body, index) => {
      res.statusCode = index < 2 ? 503 : 200;
      res.end(index < 2 ? 'busy' : 'thanks');
    });
    const { run } = await runOnce(server, 'retry: {maxAttempts: 5, initialDelayMs: 100, jitter: 0}');
    const final = await finished(run);
    expect(final).toMatchObject({ status: 'SUCCEEDED', attempt: 3, error: null });
    expect(final.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'ok']);
    expect(final.attempts.map((a) => a.delayMs)).toEqual([100, 200, null]);
    expect(server.requests.map((r) => r.headers['x-scheduler-attempt'])).toEqual(['1', '2', '3']);
  });

  it('a 4xx answer kills the run at once; a timeout counts as a failed attempt', async () => {
    await using rejecting = await startServer((_req, res) => {
      res.statusCode = 404;
      res.end('no such hook');
    });
    const rejected = await finished((await runOnce(rejecting, 'retry: {maxAttempts: 5, initialDelayMs: 100}')).run);
    expect(rejected).toMatchObject({ status: 'DEAD', attempt: 1, error: { code: 'WEBHOOK_REJECTED' } });
    await using silent = await startServer(() => undefined);
    const timedOut = await finished((await runOnce(silent, 'timeoutSeconds: 0.3, retry: {maxAttempts: 2, initialDelayMs: 50}')).run);
    expect(timedOut).toMatchObject({ status: 'DEAD', attempt: 2, error: { code: 'TIMEOUT' } });
    expect(timedOut.attempts.map((a) => a.outcome)).toEqual(['timeout', 'timeout']);
  });
});
