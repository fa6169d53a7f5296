import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_HEADER, verifyIdentity } from '../../lib/index.js';
import { schedulerSubjects, verifySnapshot } from '../../subgraphs/scheduler/index.js';
import { eventually, IDENTITY_KEY, RUN_FIELDS, startDb, startScheduler, startServer, type Db, type InProcessScheduler, type TestServer } from './harness.js';

type RunView = { id: string; status: string; attempt: number; result: Record<string, unknown> | null; error: { code: string; message: string } | null; progress: { done: number; total: number | null } | null; attempts: { outcome: string }[] };

describe('built-in kinds (kernel, in-memory bus)', () => {
  let db: Db;
  let s: InProcessScheduler;
  let embedding: TestServer;
  let snapshotDir: string;
  /** What the fake embedding service does per request (by index). */
  let embeddingScript: (write: (line: unknown) => void, end: () => void, closed: () => boolean, index: number) => Promise<void>;
  const closedRequests: number[] = [];

  beforeAll(async () => {
    db = await startDb();
    snapshotDir = mkdtempSync(join(tmpdir(), 'snapshots-'));
    embedding = await startServer(async (req, res, _body, index) => {
      try {
        verifyIdentity(String(req.headers[IDENTITY_HEADER] ?? ''), IDENTITY_KEY);
      } catch {
        res.statusCode = 403;
        res.end('{"errors":[{"message":"unsigned"}]}');
        return;
      }
      let closed = false;
      res.on('close', () => {
        if (!res.writableFinished) {
          closed = true;
          closedRequests.push(index);
        }
      });
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      await embeddingScript((line) => res.write(`${JSON.stringify(line)}\n`), () => res.end(), () => closed, index);
    });
    s = await startScheduler(db, { snapshotDir, embeddingUrl: embedding.url });
  });
  afterAll(async () => {
    await s?.close();
    await embedding?.close();
    await db?.close();
    rmSync(snapshotDir, { recursive: true, force: true });
  });

  async function run(kind: string, payload: Record<string, unknown>, extra = ''): Promise<string> {
    const created = await s.gql<{ createJob: { id: string } }>(`mutation($p: JSON) { createJob(input: {name: "${kind}", kind: ${kind}, payload: $p ${extra}}) { id } }`, { p: payload });
    expect(created.errors).toBeUndefined();
    const r = await s.gql<{ runJobNow: { id: string } }>(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: created.data!.createJob.id });
    expect(r.errors).toBeUndefined();
    return r.data!.runJobNow.id;
  }
  const view = async (id: string): Promise<RunView> => (await s.gql<{ run: RunView }>(`query($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`, { id })).data!.run;
  const finished = (id: string): Promise<RunView> => eventually(() => view(id), (r) => ['SUCCEEDED', 'DEAD', 'CANCELLED'].includes(r.status), 30_000, `run ${id}`);

  it('branch-gc deletes a branch past its max-age label and keeps main, prod/* and unexpired ones', async () => {
    const admin = db.client();
    for (const b of ['feature~old', 'feature~fresh', 'prod~eu']) await admin.branch(b);
    await db.terminus.client().sendCustomRequest('POST', `${db.url}/api/branch/admin/${db.db}/local/branch/svc-core`, {});
    const label = (branch: string, expiresAt: string) => ({ '@id': `BranchLabel/${branch.replaceAll('/', '~')}`, branch, createdAt: '2026-01-01T00:00:00Z', createdBy: 'alice', expiresAt });
    const q = new URLSearchParams({ author: 'alice@core', message: '[core] labels', raw_json: 'true' });
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    await db.terminus.client().sendCustomRequest('POST', `${db.url}/api/document/admin/${db.db}/local/branch/svc-core?${q}`, [
      label('feature/old', past), label('feature/fresh', future), label('prod/eu', past), label('main', past), label('feature/gone', past),
    ]);
    const result = await finished(await run('BRANCH_GC', {}));
    expect(result.status).toBe('SUCCEEDED');
    expect(result.result).toEqual({ dryRun: false, deleted: ['feature/old'], kept: ['feature/fresh'], protected: ['main', 'prod/eu'], labelsRemoved: ['feature/gone', 'feature/old'] });
    const branches = Object.values((await db.client().getBranches(db.db)) as Record<string, { name: string }>).map((b) => b.name);
    expect(branches).toEqual(expect.arrayContaining(['main', 'feature~fresh', 'prod~eu', 'svc-core', 'svc-scheduler']));
    expect(branches).not.toContain('feature~old');
  });

  it('snapshot exports a branch at its head commit with a manifest whose checksum verifies', async () => {
    const c = db.client();
    await c.addDocument([1, 2, 3].map((i) => ({ '@type': 'Tag', '@id': `Tag/t${i}`, name: `t${i}` })), {}, db.db, '[test] tags');
    const head = (await db.log('main', 1))[0]?.identifier;
    const result = await finished(await run('SNAPSHOT', { branch: 'main' }));
    expect(result).toMatchObject({ status: 'SUCCEEDED', result: { commit: head, branch: 'main', counts: { total: 3, byType: { Tag: 3 } } } });
    const folder = String(result.result?.['folder']);
    const check = await verifySnapshot(folder);
    expect(check).toMatchObject({ ok: true, total: 3, manifest: { commit: head } });
    expect(readFileSync(join(folder, 'documents.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { '@id': string })['@id']).sort()).toEqual(['Tag/t1', 'Tag/t2', 'Tag/t3']);
    // A later commit does not change the snapshot; a changed file no longer verifies.
    await c.addDocument({ '@type': 'Tag', '@id': 'Tag/t4', name: 't4' }, {}, db.db, '[test] another tag');
    expect((await verifySnapshot(folder)).ok).toBe(true);
    writeFileSync(join(folder, 'documents.jsonl'), readFileSync(join(folder, 'documents.jsonl'), 'utf8').replace('t1', 'tX'));
    expect((await verifySnapshot(folder)).ok).toBe(false);
  });

  it('validate reports a document the current ontology refuses, with its witness, and leaves the branch alone', async () => {
    const admin = db.client();
    await admin.branch('feature~legacy');
    const legacy = db.client('feature~legacy');
    // The branch's schema gained a property the ontology does not have; a document uses it.
    const tagClass = (await legacy.getDocument({ graph_type: 'schema', id: 'Tag' })) as Record<string, unknown>;
    await legacy.updateDocument({ ...tagClass, legacyCode: { '@type': 'Optional', '@class': 'xsd:string' } }, { graph_type: 'schema' }, db.db, '[test] legacy schema');
    await legacy.addDocument({ '@type': 'Tag', '@id': 'Tag/old', name: 'old', legacyCode: 'X1' }, {}, db.db, '[test] legacy tag');
    const before = (await db.log('feature~legacy', 1))[0]?.identifier;
    const result = await finished(await run('VALIDATE', { branch: 'feature/legacy' }));
    expect(result.status).toBe('SUCCEEDED');
    expect(result.result).toMatchObject({ branch: 'feature/legacy', commit: before, valid: false, invalidCount: 1 });
    const invalid = (result.result?.['invalidDocuments'] as { id: string; witnesses: unknown[] }[])[0];
    expect(invalid?.id).toBe('Tag/old');
    expect(invalid?.witnesses.length).toBeGreaterThan(0);
    expect((await db.log('feature~legacy', 1))[0]?.identifier).toBe(before);
    const branches = Object.values((await db.client().getBranches(db.db)) as Record<string, { name: string }>).map((b) => b.name);
    expect(branches.filter((b) => b.startsWith('check-'))).toEqual([]);
    const ok = await finished(await run('VALIDATE', { branch: 'main' }));
    expect(ok.result).toMatchObject({ valid: true, invalidDocuments: [] });
  });

  it('reembed streams progress from the embedding service, stores its result, and fails the attempt on an error line', async () => {
    embeddingScript = async (write, end) => {
      for (let done = 0; done <= 4; done += 2) {
        write({ progress: { done, total: 4 } });
        await new Promise((r) => setTimeout(r, 250));
      }
      write({ result: { embedded: 4, skipped: 0 } });
      end();
    };
    const created = await s.gql<{ createJob: { id: string } }>(`mutation { createJob(input: {name: "re", kind: REEMBED, payload: {branch: "main", types: ["Dataset"]}}) { id } }`);
    const job = created.data!.createJob.id;
    const id = (await s.gql<{ runJobNow: { id: string } }>(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: job })).data!.runJobNow.id;
    const result = await finished(id);
    expect(result).toMatchObject({ status: 'SUCCEEDED', result: { embedded: 4, skipped: 0 }, progress: { done: 4, total: 4 } });
    expect(embedding.requests.at(-1)?.body).toBe('{"branch":"main","types":["Dataset"],"force":false}');
    const updates = await s.bus.replay<{ id: string; status: string; progress: { done: number } | null }>({ subject: schedulerSubjects.runs(db.db, job), after: 0 });
    const progress = updates.messages.filter((m) => m.data.id === id && m.data.status === 'RUNNING' && m.data.progress !== null).map((m) => m.data.progress?.done);
    expect(progress).toEqual([0, 2, 4]);

    embeddingScript = async (write, end) => {
      write({ error: { code: 'EMBEDDING_FAILED', message: 'model not loaded' } });
      end();
    };
    const failed = await finished(await run('REEMBED', { branch: 'main' }, ', retry: {maxAttempts: 1}'));
    expect(failed).toMatchObject({ status: 'DEAD', error: { code: 'ATTEMPT_FAILED', message: 'EMBEDDING_FAILED: model not loaded' } });
  });

  it('reembed signs the run\'s identity for the embedding service: the caller\'s scopes for a manual run, the owner\'s recorded scopes for a cron run', async () => {
    embeddingScript = async (write, end) => {
      write({ result: { embedded: 0 } });
      end();
    };
    /** The identity of the one request a run made. */
    const identityOf = async (runId: string, seen: number) => {
      expect((await finished(runId)).status).toBe('SUCCEEDED');
      const requests = embedding.requests.slice(seen);
      expect(requests).toHaveLength(1);
      return verifyIdentity(String(requests[0]?.headers[IDENTITY_HEADER]), IDENTITY_KEY);
    };
    const created = await s.gql<{ createJob: { id: string } }>(`mutation { createJob(input: {name: "re scoped", kind: REEMBED}) { id } }`, {}, 'olivia', ['read', 'service']);
    const job = created.data!.createJob.id;
    let seen = embedding.requests.length;
    const manual = (await s.gql<{ runJobNow: { id: string } }>(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: job }, 'mallory', ['read'])).data!.runJobNow.id;
    expect(await identityOf(manual, seen)).toMatchObject({ sub: 'mallory', scopes: ['read'], client: 'scheduler' });
    seen = embedding.requests.length;
    const stored = s.scheduler.jobs.get(job)!;
    const tick = Date.parse('2026-01-01T00:00:00Z');
    const cron = await s.scheduler.enqueue(stored, { trigger: 'CRON', user: stored.owner, scopes: stored.ownerScopes, scheduledAt: tick, runId: `${job}-t${tick}` });
    expect(await identityOf(cron.id, seen)).toMatchObject({ sub: 'olivia', scopes: ['read', 'service'], client: 'scheduler' });
  });

  it('cancelRun aborts a running reembed: the request to the embedding service is closed', async () => {
    embeddingScript = async (write, _end, closed) => {
      for (let done = 0; !closed() && done < 600; done++) {
        write({ progress: { done, total: 600 } });
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const id = await run('REEMBED', { branch: 'main' });
    await eventually(() => view(id), (r) => (r.progress?.done ?? 0) > 0 || r.status === 'RUNNING', 10_000, 'running');
    const index = embedding.requests.length - 1;
    const cancelled = await s.gql<{ cancelRun: { status: string } }>(`mutation($id: ID!) { cancelRun(id: $id) { status } }`, { id });
    expect(cancelled.data!.cancelRun.status).toBe('CANCELLED');
    await eventually(async () => closedRequests, (c) => c.includes(index), 10_000, 'the request closed');
    const final = await eventually(() => view(id), (r) => r.attempts.at(-1)?.outcome === 'cancelled', 10_000, 'attempt cancelled');
    expect(final.status).toBe('CANCELLED');
  });
});
