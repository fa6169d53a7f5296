/**
 * Scheduler benchmark: `npx tsx bench/scheduler/run.ts [runs=200] [replicas=1,2] [concurrency=4] [latencyRuns=40] [rate=4]`.
 *
 * The kernel, nats-server (JetStream, file store) and every scheduler process run in their own
 * processes; a webhook target answering at once runs in this one. Per replica count R, on a fresh
 * database:
 *   1. Throughput: an API-only scheduler (`SCHEDULER_WORKER=false`) queues `runs` manual webhook runs
 *      (each a `QUEUED` insert commit + a work-queue message), then R worker processes start
 *      (`SCHEDULER_TRIGGERS=false`, `SCHEDULER_CONCURRENCY`). Claimed/s: runs over the span of their
 *      first attempts' start times; finished/s: runs from the first claim to the last finish.
 *   2. Claim latency: with the R workers idle, `latencyRuns` runs are queued at `rate`/s; latency is
 *      a run's due time (`scheduledAt` = `queuedAt` for manual runs) to its first attempt's start
 *      (`RUNNING`; the run document read, the `RunClaim` insert and the `RUNNING` write included).
 * Run data is read back through the subgraph's own `runs` keyset paging.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { WOQLClient } from 'terminusdb';
import { IDENTITY_HEADER, signIdentity } from '../../lib/index.js';
import { spawnKernel } from '../support/spawnKernel.js';
import { spawnProcess, type SpawnedProcess } from '../support/spawnProcess.js';
import { ms, percentile, printTable } from '../support/table.js';

const RUNS = Number(process.argv[2] ?? 200);
const REPLICAS = (process.argv[3] ?? '1,2').split(',').map(Number);
const CONCURRENCY = Number(process.argv[4] ?? 4);
const LATENCY_RUNS = Number(process.argv[5] ?? 40);
const RATE = Number(process.argv[6] ?? 4);
const KEY = 'bench-identity-key';
const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

async function startNats(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}`)));
    for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream! }).on('line', (l) => l.includes('Server is ready') && resolve());
  });
  return { child, url: `nats://127.0.0.1:${port}` };
}

interface RunRow {
  id: string;
  status: string;
  scheduledAt: string;
  finishedAt: string | null;
  attempts: { startedAt: string }[];
}

async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity({ sub: 'bench', scopes: ['read', 'write'] }, KEY) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors !== undefined) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

/** Every run of a job, through `runs` keyset paging. */
async function allRuns(url: string, job: string): Promise<RunRow[]> {
  const out: RunRow[] = [];
  let after: string | null = null;
  for (;;) {
    type Page = { runs: { nodes: RunRow[]; endCursor: string | null; hasNextPage: boolean } };
    const page: Page = await gql<Page>(url, `query($job: ID, $after: String) { runs(job: $job, first: 200, after: $after) { nodes { id status scheduledAt finishedAt attempts { startedAt } } endCursor hasNextPage } }`, { job, after });
    out.push(...page.runs.nodes);
    if (!page.runs.hasNextPage) return out;
    after = page.runs.endCursor;
  }
}

async function until(what: string, cond: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'scheduler-bench-'));
const kernel = await spawnKernel(join(dir, 'kernel'));
const nats = await startNats(join(dir, 'nats'));
const hook = createHttpServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('ok'));
});
await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
const hookAddress = hook.address();
const hookUrl = `http://127.0.0.1:${typeof hookAddress === 'object' && hookAddress !== null ? hookAddress.port : 0}`;
const rows: [string, string, string?][] = [];
const processes: SpawnedProcess[] = [];

try {
  for (const replicas of REPLICAS) {
    const db = `sched_bench_${replicas}`;
    const admin = new WOQLClient(kernel.url, { user: 'admin', organization: 'admin', key: 'root' });
    await admin.createDatabase(db, { label: db, comment: '', schema: true });
    const env = { TERMINUSDB_URL: kernel.url, TERMINUSDB_DB: db, NATS_URL: nats.url, ROUTER_IDENTITY_KEY: KEY, SCHEDULER_PORT: '0', LOG_LEVEL: 'warn', SCHEDULER_CONCURRENCY: String(CONCURRENCY) };
    const api = await spawnProcess('subgraphs/scheduler/main.ts', { ...env, SCHEDULER_WORKER: 'false' });
    processes.push(api);
    const { createJob } = await gql<{ createJob: { id: string } }>(api.url, `mutation($p: JSON) { createJob(input: {name: "bench", kind: WEBHOOK, payload: $p, retry: {maxAttempts: 1}}) { id } }`, { p: { url: hookUrl } });
    const job = createJob.id;

    // 1. Throughput: a backlog of RUNS due runs, then R workers.
    const queueStart = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < RUNS) {
        next++;
        await gql(api.url, `mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: job });
      }
    }));
    const queueSeconds = (performance.now() - queueStart) / 1000;
    const workers = await Promise.all(Array.from({ length: replicas }, () => spawnProcess('subgraphs/scheduler/main.ts', { ...env, SCHEDULER_TRIGGERS: 'false' })));
    processes.push(...workers);
    let runs: RunRow[] = [];
    await until('every run finished', async () => {
      runs = await allRuns(api.url, job);
      return runs.length === RUNS && runs.every((r) => r.status === 'SUCCEEDED');
    });
    const claims = runs.map((r) => Date.parse(r.attempts[0]?.startedAt ?? '')).sort((a, b) => a - b);
    const finishes = runs.map((r) => Date.parse(r.finishedAt ?? '')).sort((a, b) => a - b);
    const first = claims[0] ?? 0;
    const claimSpan = ((claims.at(-1) ?? 0) - first) / 1000;
    const finishSpan = ((finishes.at(-1) ?? 0) - first) / 1000;
    const label = `${replicas} replica${replicas === 1 ? '' : 's'} × concurrency ${CONCURRENCY}`;
    rows.push([`${label}: runs queued (API, 8 clients)`, `${RUNS} in ${queueSeconds.toFixed(1)} s (${(RUNS / queueSeconds).toFixed(1)} runs/s)`]);
    rows.push([`${label}: backlog claimed`, `${(RUNS / claimSpan).toFixed(1)} runs/s`]);
    rows.push([`${label}: backlog finished`, `${(RUNS / finishSpan).toFixed(1)} runs/s`]);

    // 2. Claim latency with idle workers: due → RUNNING.
    const latencyStart = performance.now();
    for (let i = 0; i < LATENCY_RUNS; i++) {
      const wait = latencyStart + (i * 1000) / RATE - performance.now();
      if (wait > 0) await sleep(wait);
      await gql(api.url, `mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: job });
    }
    await until('the latency runs finished', async () => {
      runs = await allRuns(api.url, job);
      return runs.length === RUNS + LATENCY_RUNS && runs.every((r) => r.status === 'SUCCEEDED');
    });
    const byDue = [...runs].sort((a, b) => Date.parse(b.scheduledAt) - Date.parse(a.scheduledAt)).slice(0, LATENCY_RUNS);
    const latencies = byDue.map((r) => Date.parse(r.attempts[0]?.startedAt ?? '') - Date.parse(r.scheduledAt));
    rows.push([`${label}: claim latency p50 / p95 / max (${LATENCY_RUNS} runs at ${RATE}/s)`, `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))} / ${ms(percentile(latencies, 100))}`]);
    for (const p of processes.splice(0)) await p.stop();
  }
  printTable(`Scheduler: ${RUNS} webhook runs per setup (kernel, nats-server and each scheduler in its own process)`, rows);
} finally {
  for (const p of processes) await p.stop();
  hook.close();
  nats.child.kill('SIGTERM');
  await kernel.stop();
  rmSync(dir, { recursive: true, force: true });
}
