import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, queuedRun, RUN_FIELDS, startDb, startScheduler, startServer, type Db, type InProcessScheduler, type TestServer } from './harness.js';

const JOB_FIELDS = 'id name kind payload cron timezone nextRunAt trigger { branch types } retry { maxAttempts initialDelayMs maxDelayMs jitter } timeoutSeconds enabled owner';

describe('scheduler GraphQL API (kernel, in-memory bus)', () => {
  let db: Db;
  let s: InProcessScheduler;
  let hook: TestServer;
  beforeAll(async () => {
    db = await startDb();
    s = await startScheduler(db);
    hook = await startServer((_req, res) => res.end('ok'));
  });
  afterAll(async () => {
    await s?.close();
    await hook?.close();
    await db?.close();
  });

  const createHook = async (extra = ''): Promise<string> => {
    const r = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Hook", kind: WEBHOOK, payload: $p ${extra}}) { id } }`, { p: { url: hook.url } });
    expect(r.errors).toBeUndefined();
    return r.data!.createJob.id;
  };

  it('creates, reads, lists and updates jobs as documents in svc-scheduler written by <user>@scheduler', async () => {
    const created = await s.gql<{ createJob: Record<string, unknown> }>(
      `mutation { createJob(input: {name: "Nightly GC", kind: BRANCH_GC, cron: "0 3 * * *", timezone: "Europe/Berlin", retry: {maxAttempts: 5, initialDelayMs: 1000}, timeoutSeconds: 60}) { ${JOB_FIELDS} } }`,
    );
    expect(created.errors).toBeUndefined();
    const job = created.data!.createJob;
    expect(job).toMatchObject({ name: 'Nightly GC', kind: 'BRANCH_GC', payload: {}, cron: '0 3 * * *', timezone: 'Europe/Berlin', trigger: null, retry: { maxAttempts: 5, initialDelayMs: 1000, maxDelayMs: 600000, jitter: 0.5 }, timeoutSeconds: 60, enabled: true, owner: 'alice' });
    expect(new Date(String(job['nextRunAt'])).getUTCMinutes()).toBe(0);
    const [commit] = await db.log('svc-scheduler', 1);
    expect(commit).toMatchObject({ author: 'alice@scheduler' });
    expect(commit?.message).toMatch(/^\[scheduler\] create job /);

    const updated = await s.gql<{ updateJob: Record<string, unknown> }>(`mutation($id: ID!) { updateJob(id: $id, input: {enabled: false, trigger: {branch: "main", types: ["Dataset"]}}) { ${JOB_FIELDS} } }`, { id: job['id'] }, 'bob');
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateJob).toMatchObject({ enabled: false, nextRunAt: null, cron: '0 3 * * *', trigger: { branch: 'main', types: ['Dataset'] }, owner: 'alice' });
    expect((await db.log('svc-scheduler', 1))[0]?.author).toBe('bob@scheduler');

    const listed = await s.gql<{ jobs: { id: string }[]; job: { name: string } }>(`query($id: ID!) { jobs(kind: BRANCH_GC) { id } job(id: $id) { name } }`, { id: job['id'] });
    expect(listed.data!.jobs.map((j) => j.id)).toContain(job['id']);
    expect(listed.data!.job.name).toBe('Nightly GC');
    expect((await s.gql<{ job: null }>(`{ job(id: "nope") { id } }`)).data!.job).toBeNull();
  });

  it('refuses bad input with stable codes and writes nothing', async () => {
    const id = await createHook();
    const before = (await db.log('svc-scheduler', 1))[0]?.identifier;
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['mutation { createJob(input: {name: "x", kind: BRANCH_GC, cron: "61 * * * *"}) { id } }', {}, { code: 'BAD_USER_INPUT', reason: 'INVALID_CRON' }],
      ['mutation { createJob(input: {name: "x", kind: WEBHOOK, payload: {url: "not a url"}}) { id } }', {}, { code: 'BAD_USER_INPUT', reason: 'BAD_PAYLOAD' }],
      ['mutation { createJob(input: {name: "x", kind: REEMBED, payload: {branch: 3}}) { id } }', {}, { code: 'BAD_USER_INPUT', reason: 'BAD_PAYLOAD' }],
      ['mutation { updateJob(id: "missing-job", input: {enabled: false}) { id } }', {}, { code: 'NOT_FOUND', reason: 'JOB_NOT_FOUND' }],
      ['mutation($id: ID!) { updateJob(id: $id, input: {cron: "bad"}) { id } }', { id }, { code: 'BAD_USER_INPUT', reason: 'INVALID_CRON' }],
      ['mutation($id: ID!) { runJobNow(id: $id, payload: {url: 5}) { id } }', { id }, { code: 'BAD_USER_INPUT', reason: 'BAD_PAYLOAD' }],
      ['mutation { runJobNow(id: "missing-job") { id } }', {}, { code: 'NOT_FOUND' }],
      ['mutation { cancelRun(id: "missing-run") { id } }', {}, { code: 'NOT_FOUND', reason: 'RUN_NOT_FOUND' }],
      ['{ runs(first: 0) { nodes { id } } }', {}, { code: 'BAD_USER_INPUT' }],
      ['{ runs(after: "garbage") { nodes { id } } }', {}, { code: 'INVALID_CURSOR' }],
    ];
    for (const [query, variables, extensions] of cases) {
      const r = await s.gql(query, variables);
      expect(r.errors?.[0]?.extensions, query).toMatchObject(extensions);
    }
    expect((await db.log('svc-scheduler', 1))[0]?.identifier).toBe(before);
  });

  it('runs a job now, pages its runs, refuses to cancel a finished run and retries it as a new run', async () => {
    const id = await createHook();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await s.gql<{ runJobNow: { id: string } }>(`mutation($id: ID!) { runJobNow(id: $id) { id status } }`, { id })).data!.runJobNow.id);
    const q = `query($job: ID, $after: String) { runs(job: $job, first: 2, after: $after) { nodes { ${RUN_FIELDS} } endCursor hasNextPage } }`;
    type Page = { runs: { nodes: { id: string; status: string; attempt: number }[]; endCursor: string; hasNextPage: boolean } };
    await eventually(() => s.gql<Page>(`query($job: ID) { runs(job: $job, status: SUCCEEDED) { nodes { id } } }`, { job: id }), (r) => (r.data?.runs.nodes.length ?? 0) === 3, 20_000, 'three runs done');
    const first = (await s.gql<Page>(q, { job: id })).data!.runs;
    expect(first.hasNextPage).toBe(true);
    const second = (await s.gql<Page>(q, { job: id, after: first.endCursor })).data!.runs;
    expect(second.hasNextPage).toBe(false);
    expect([...first.nodes, ...second.nodes].map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(hook.requests.filter((r) => ids.includes(String(r.headers['idempotency-key']))).length).toBe(3);

    const cancel = await s.gql(`mutation($id: ID!) { cancelRun(id: $id) { id } }`, { id: ids[0] });
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'RUN_FINISHED' });
    const retried = await s.gql<{ retryRun: { id: string; trigger: string; retryOf: string } }>(`mutation($id: ID!) { retryRun(id: $id) { id trigger retryOf } }`, { id: ids[0] });
    expect(retried.data!.retryRun).toMatchObject({ trigger: 'RETRY', retryOf: ids[0] });
    await eventually(() => s.gql<{ run: { status: string } }>(`query($id: ID!) { run(id: $id) { status } }`, { id: retried.data!.retryRun.id }), (r) => r.data?.run.status === 'SUCCEEDED');
  });

  it('refuses unsigned requests, answers /readyz and counts attempts in /metrics', async () => {
    const unsigned = await s.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ jobs { id } }"}' });
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('FORBIDDEN');
    const ready = await s.request('/readyz');
    expect(ready.status).toBe(200);
    const metrics = await (await s.request('/metrics')).text();
    expect(metrics).toMatch(/scheduler_attempts_total\{[^}]*kind="webhook"[^}]*status="SUCCEEDED"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/scheduler_runs_queued_total\{[^}]*trigger="MANUAL"[^}]*duplicate="false"[^}]*\} [1-9]/);
  });

  it('cancels a running run: its attempt is aborted and recorded as cancelled', async () => {
    const slow = await startServer(() => undefined); // never answers
    try {
      const r = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Slow", kind: WEBHOOK, payload: $p, timeoutSeconds: 30}) { id } }`, { p: { url: slow.url } });
      const job = r.data!.createJob.id;
      const run = (await s.gql<{ runJobNow: { id: string } }>(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: job })).data!.runJobNow.id;
      await eventually(async () => slow.requests.length, (n) => n === 1, 20_000, 'the webhook called');
      const cancelled = await s.gql<{ cancelRun: { status: string } }>(`mutation($id: ID!) { cancelRun(id: $id) { status } }`, { id: run });
      expect(cancelled.data!.cancelRun.status).toBe('CANCELLED');
      const final = await eventually(
        () => s.gql<{ run: { status: string; attempts: { outcome: string }[] } }>(`query($id: ID!) { run(id: $id) { status attempts { outcome } } }`, { id: run }),
        (x) => x.data?.run.attempts[0]?.outcome === 'cancelled',
      );
      expect(final.data!.run.status).toBe('CANCELLED');
      expect(s.scheduler.running).not.toContain(run);
    } finally {
      await slow.close();
    }
  });

  it('pages runs with a keyset cursor: runs queued while paging do not shift later pages; foreign or broken cursors are INVALID_CURSOR', async () => {
    const id = await createHook(', enabled: false');
    const before: string[] = [];
    for (let i = 0; i < 5; i++) before.push((await s.gql<{ runJobNow: { id: string } }>(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id })).data!.runJobNow.id);
    type Page = { runs: { nodes: { id: string; queuedAt: string }[]; endCursor: string | null; hasNextPage: boolean } };
    const q = `query($job: ID, $after: String, $status: RunStatus) { runs(job: $job, first: 2, after: $after, status: $status) { nodes { id queuedAt } endCursor hasNextPage } }`;
    const p1 = (await s.gql<Page>(q, { job: id })).data!.runs;
    expect(p1.nodes.map((r) => r.id)).toEqual([before[4], before[3]]);
    // Three more runs queued between the pages (an offset cursor would repeat runs of page 1).
    for (let i = 0; i < 3; i++) await s.gql(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id });
    const p2 = (await s.gql<Page>(q, { job: id, after: p1.endCursor })).data!.runs;
    const p3 = (await s.gql<Page>(q, { job: id, after: p2.endCursor })).data!.runs;
    expect(p2.nodes.map((r) => r.id)).toEqual([before[2], before[1]]);
    expect(p3.nodes.map((r) => r.id)).toEqual([before[0]]);
    expect([p2.hasNextPage, p3.hasNextPage]).toEqual([true, false]);
    // Past the end: an empty page keeps the position.
    const p4 = (await s.gql<Page>(q, { job: id, after: p3.endCursor })).data!.runs;
    expect(p4).toEqual({ nodes: [], endCursor: p3.endCursor, hasNextPage: false });
    const bad = async (variables: Record<string, unknown>): Promise<unknown> => (await s.gql(q, variables)).errors?.[0]?.extensions;
    expect(await bad({ job: id, after: 'garbage' })).toMatchObject({ code: 'INVALID_CURSOR' });
    expect(await bad({ job: id, after: Buffer.from('{"v":1,"q":"yesterday","k":"x"}').toString('base64url') })).toMatchObject({ code: 'INVALID_CURSOR' });
    expect(await bad({ job: id, after: p1.endCursor, status: 'SUCCEEDED' })).toMatchObject({ code: 'INVALID_CURSOR', reason: 'CURSOR_FILTER_MISMATCH' });
    expect(await bad({ after: p1.endCursor })).toMatchObject({ code: 'INVALID_CURSOR', reason: 'CURSOR_FILTER_MISMATCH' });
  });

  it('records scopes: the creator\'s on the job (cron and on-commit runs act with them), the caller\'s on a manual run', async () => {
    const created = await s.gql<{ createJob: { id: string; ownerScopes: string[] } }>(`mutation($p: JSON) { createJob(input: {name: "Scoped", kind: WEBHOOK, payload: $p}) { id ownerScopes } }`, { p: { url: hook.url } }, 'carol', ['write', 'read']);
    expect(created.data!.createJob.ownerScopes).toEqual(['read', 'write']);
    const job = created.data!.createJob.id;
    // Another user's update keeps the owner's scopes; the owner's refreshes them.
    await s.gql(`mutation($id: ID!) { updateJob(id: $id, input: {name: "Scoped 2"}) { id } }`, { id: job }, 'dave', ['admin']);
    expect(s.scheduler.jobs.get(job)?.ownerScopes).toEqual(['read', 'write']);
    await s.gql(`mutation($id: ID!) { updateJob(id: $id, input: {name: "Scoped 3"}) { id } }`, { id: job }, 'carol', ['read']);
    const stored = s.scheduler.jobs.get(job)!;
    expect(stored.ownerScopes).toEqual(['read']);
    const manual = await s.gql<{ runJobNow: { requestedBy: string; scopes: string[] } }>(`mutation($id: ID!) { runJobNow(id: $id) { requestedBy scopes } }`, { id: job }, 'erin', ['read', 'pii:read']);
    expect(manual.data!.runJobNow).toEqual({ requestedBy: 'erin', scopes: ['pii:read', 'read'] });
    const tick = Date.parse('2026-01-01T00:00:00Z');
    const cron = await s.scheduler.enqueue(stored, { trigger: 'CRON', user: stored.owner, scopes: stored.ownerScopes, scheduledAt: tick, runId: `${job}-t${tick}` });
    const viewed = await s.gql<{ run: { requestedBy: string; scopes: string[] } }>(`query($id: ID!) { run(id: $id) { requestedBy scopes } }`, { id: cron.id });
    expect(viewed.data!.run).toEqual({ requestedBy: 'carol', scopes: ['read'] });
  });

  it('deleteJob cancels the queued and running runs, aborts the running attempt, keeps the history; an unknown id is NOT_FOUND and writes nothing', async () => {
    const slow = await startServer(() => undefined); // never answers
    try {
      const r = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "Doomed", kind: WEBHOOK, payload: $p, timeoutSeconds: 60}) { id } }`, { p: { url: slow.url } });
      const job = r.data!.createJob.id;
      const runNow = async (): Promise<string> => (await s.gql<{ runJobNow: { id: string } }>(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: job })).data!.runJobNow.id;
      const running = await runNow();
      await eventually(async () => slow.requests.length, (n) => n === 1, 20_000, 'the webhook called');
      // A finished run stays as it is; a queued one (orphaned: never published) is cancelled too.
      const queued = `${job}-queued`;
      await s.store.insertRun(queuedRun(s.scheduler.jobs.get(job)!, queued, Date.now()), { user: 'alice', text: 'test: a queued run' });
      const deleted = await s.gql<{ deleteJob: { id: string; job: { id: string; name: string }; cancelledRuns: { id: string; status: string; error: { code: string } }[] } }>(
        `mutation($id: ID!) { deleteJob(id: $id) { id job { id name } cancelledRuns { id status error { code } } } }`,
        { id: job },
        'bob',
      );
      expect(deleted.errors).toBeUndefined();
      expect(deleted.data!.deleteJob.job).toEqual({ id: job, name: 'Doomed' });
      expect(deleted.data!.deleteJob.cancelledRuns.map((x) => x.id).sort()).toEqual([queued, running].sort());
      expect(deleted.data!.deleteJob.cancelledRuns.every((x) => x.status === 'CANCELLED' && x.error.code === 'JOB_DELETED')).toBe(true);
      // Two commits by the caller (the worker may have written the aborted attempt since).
      const log = await db.log('svc-scheduler', 6);
      const del = log.findIndex((c) => c.message.startsWith(`[scheduler] delete job ${job} `));
      const cancel = log.findIndex((c) => c.message.startsWith(`[scheduler] cancel 2 run(s) of job ${job} (job deleted)`));
      expect(del).toBeGreaterThanOrEqual(0);
      expect(cancel).toBeGreaterThan(del);
      expect([log[del]?.author, log[cancel]?.author]).toEqual(['bob@scheduler', 'bob@scheduler']);
      // The running attempt is aborted and recorded as cancelled; the job is gone; its runs stay listed.
      const final = await eventually(
        () => s.gql<{ run: { status: string; error: { code: string } | null; attempts: { outcome: string }[] } }>(`query($id: ID!) { run(id: $id) { status error { code } attempts { outcome } } }`, { id: running }),
        (x) => x.data?.run.attempts[0]?.outcome === 'cancelled',
      );
      expect(final.data!.run).toMatchObject({ status: 'CANCELLED', error: { code: 'JOB_DELETED' } });
      expect(s.scheduler.running).not.toContain(running);
      const after = await s.gql<{ job: null; runs: { nodes: { id: string }[] } }>(`query($id: ID!) { job(id: $id) { id } runs(job: $id) { nodes { id } } }`, { id: job });
      expect(after.data!.job).toBeNull();
      expect(after.data!.runs.nodes.map((x) => x.id).sort()).toEqual([queued, running].sort());
      expect(s.scheduler.jobs.has(job)).toBe(false);
      // Unknown or malformed ids: NOT_FOUND, nothing written.
      const head = (await db.log('svc-scheduler', 1))[0]?.identifier;
      for (const bad of [job, 'no-such-job', 'Not A Valid Id!']) {
        const again = await s.gql(`mutation($id: ID!) { deleteJob(id: $id) { id } }`, { id: bad });
        expect(again.errors?.[0]?.extensions, bad).toMatchObject({ code: 'NOT_FOUND', reason: 'JOB_NOT_FOUND' });
      }
      expect((await db.log('svc-scheduler', 1))[0]?.identifier).toBe(head);
    } finally {
      await slow.close();
    }
  });
});
