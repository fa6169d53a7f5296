import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsServer, type NatsServer } from '../events/natsServer.js';
import { eventually, RUN_FIELDS, startDb, startServer, type Db } from './harness.js';
import { startSchedulerProcess } from './schedulerProcess.js';

type RunView = { id: string; status: string; trigger: string; attempt: number; attempts: { attempt: number; outcome: string; error: { code: string } | null }[] };

describe('scheduler processes (kernel, nats-server, real child processes)', () => {
  let nats: NatsServer;
  let db: Db;
  const env = (): Record<string, string> => ({ TERMINUSDB_URL: db.url, TERMINUSDB_DB: db.db, NATS_URL: nats.url, SCHEDULER_ACK_WAIT_MS: '1500', SCHEDULER_RELOAD_MS: '1000' });
  beforeAll(async () => {
    nats = await startNatsServer();
    db = await startDb();
  });
  afterAll(async () => {
    await db?.close();
    await nats?.close();
  });

  it('a scheduler killed in the middle of a run: the run is redelivered, retried and finishes', async () => {
    // The first call hangs (the run is in flight when the process dies); later calls succeed.
    await using hook = await startServer((_req, res, _body, index) => {
      if (index > 0) res.end('ok');
    });
    const first = await startSchedulerProcess(env());
    const created = await first.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Crash", kind: WEBHOOK, payload: $p, retry: {maxAttempts: 3, initialDelayMs: 100}}) { id } }`, { p: { url: hook.url } });
    expect(created.errors).toBeUndefined();
    const run = (await first.gql<{ runJobNow: { id: string } }>(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: created.data!.createJob.id })).data!.runJobNow.id;
    await eventually(async () => hook.requests.length, (n) => n === 1, 20_000, 'the first attempt in flight');
    await first.kill();
    await using second = await startSchedulerProcess(env());
    const final = await eventually(
      async () => (await second.gql<{ run: RunView }>(`query($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`, { id: run })).data!.run,
      (r) => r.status === 'SUCCEEDED',
      30_000,
      'the run finished by the second process',
    );
    expect(final.attempt).toBe(2);
    expect(final.attempts.map((a) => [a.attempt, a.outcome, a.error?.code ?? null])).toEqual([[1, 'crashed', 'CRASHED'], [2, 'ok', null]]);
    expect(hook.requests.map((r) => r.headers['idempotency-key'])).toEqual([run, run]);
  }, 90_000);

  it('two schedulers: every due cron run executes exactly once', async () => {
    await using hook = await startServer((_req, res) => res.end('ok'));
    await using a = await startSchedulerProcess(env());
    await using b = await startSchedulerProcess(env());
    const created = await a.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Every second", kind: WEBHOOK, payload: $p, cron: "* * * * * *"}) { id } }`, { p: { url: hook.url } });
    expect(created.errors).toBeUndefined();
    const job = created.data!.createJob.id;
    // Both replicas load the job (job-change event) and tick every second.
    // Both replicas follow the cron pattern (so every tick is fired twice and de-duplicated).
    for (const p of [a, b]) await eventually(async () => (await p.gql<{ job: { nextRunAt: string | null } }>(`query($id: ID!) { job(id: $id) { nextRunAt } }`, { id: job })).data?.job.nextRunAt ?? null, (v) => v !== null, 10_000, 'the job loaded');
    await eventually(async () => new Set(hook.requests.map((r) => r.headers['idempotency-key'])).size, (n) => n >= 8, 40_000, 'eight cron runs');
    expect((await b.gql<{ updateJob: { enabled: boolean } }>(`mutation($id: ID!) { updateJob(id: $id, input: {enabled: false}) { enabled } }`, { id: job })).errors).toBeUndefined();
    type Page = { runs: { nodes: RunView[]; hasNextPage: boolean } };
    const runs = await eventually(
      async () => (await a.gql<Page>(`query($job: ID) { runs(job: $job, first: 200) { nodes { ${RUN_FIELDS} } hasNextPage } }`, { job })).data!.runs.nodes,
      (nodes) => nodes.length > 0 && nodes.every((r) => r.status === 'SUCCEEDED'),
      20_000,
      'every run finished',
    );
    await new Promise((r) => setTimeout(r, 1_500)); // a late duplicate would show up now
    const calls = hook.requests.map((r) => String(r.headers['idempotency-key']));
    // One run per tick (deterministic ids), one execution per run.
    expect(runs.every((r) => r.trigger === 'CRON' && r.attempt === 1)).toBe(true);
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    expect([...calls].sort()).toEqual(runs.map((r) => r.id).sort());
  }, 120_000);
});
