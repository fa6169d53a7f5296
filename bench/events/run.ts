/**
 * Commit → event benchmark: `npx tsx bench/events/run.ts [commits=300] [rates=20,50,100]`.
 * The kernel, nats-server (JetStream, file store) and the audit subgraph (with its commit relay) each
 * run in their own process. This process writes single-document commits through the official client
 * at a fixed rate, nudges the relay over HTTP after each write (as the core subgraph does), and
 * consumes `commits.<db>.>` with a durable consumer. Latency: write answered → event handled.
 * A last run writes without nudges (the relay's polling alone, `AUDIT_POLL_MS=100`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { WOQLClient } from 'terminusdb';
import { consumeCommits, IDENTITY_HEADER, NatsEventBus, signIdentity } from '../../lib/index.js';
import { pushOntology } from '../../ontology/index.js';
import { spawnKernel } from '../support/spawnKernel.js';
import { ms, percentile, printTable } from '../support/table.js';

const COMMITS = Number(process.argv[2] ?? 300);
const RATES = (process.argv[3] ?? '20,50,100').split(',').map(Number);
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

async function startProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: (line: string) => string | undefined): Promise<{ child: ChildProcess; value: string }> {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const value = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${cmd} exited with ${code}`)));
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        const v = ready(line);
        if (v !== undefined) resolve(v);
      });
    }
  });
  return { child, value };
}

const dir = mkdtempSync(join(tmpdir(), 'events-bench-'));
const kernel = await spawnKernel(join(dir, 'kernel'));
const natsPort = await freePort();
const nats = await startProcess('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(natsPort), '-sd', join(dir, 'nats')], process.env, (l) => (l.includes('Server is ready') ? 'ok' : undefined));
const natsUrl = `nats://127.0.0.1:${natsPort}`;
const admin = new WOQLClient(kernel.url, { user: 'admin', organization: 'admin', key: 'root' });
await admin.createDatabase('bench', { label: 'bench', comment: '', schema: true });
admin.db('bench');
await pushOntology(admin, { branch: 'main', message: 'ontology' });

async function startAudit(pollMs: number): Promise<{ child: ChildProcess; url: string }> {
  const env = { ...process.env, TERMINUSDB_URL: kernel.url, TERMINUSDB_DB: 'bench', NATS_URL: natsUrl, ROUTER_IDENTITY_KEY: KEY, AUDIT_PORT: '0', AUDIT_POLL_MS: String(pollMs), LOG_LEVEL: 'warn' };
  const { child, value } = await startProcess(process.execPath, ['--import', 'tsx', 'subgraphs/audit/main.ts'], env, (l) => {
    try {
      return (JSON.parse(l) as { url?: string }).url;
    } catch {
      return undefined;
    }
  });
  for (let i = 0; i < 100 && (await fetch(`${value}/readyz`)).status !== 200; i++) await sleep(100);
  return { child, url: value };
}

const bus = await NatsEventBus.connect({ servers: natsUrl });
const writtenAt = new Map<string, number>();
const latencies: number[] = [];
let received = 0;
let lastReceived = 0;
await consumeCommits(bus, {
  db: 'bench',
  durable: 'bench',
  handler: (event) => {
    const now = performance.now();
    received++;
    lastReceived = now;
    for (const c of event.changes) {
      const t = writtenAt.get(c.id);
      if (t !== undefined) latencies.push(now - t);
    }
  },
});

const rows: [string, string, string?][] = [];
let run = 0;
async function measure(label: string, rate: number, nudgeUrl: string | undefined): Promise<void> {
  latencies.length = 0;
  received = 0;
  const interval = 1000 / rate;
  const client = new WOQLClient(kernel.url, { user: 'admin', organization: 'admin', key: 'root', db: 'bench' });
  const headers = { [IDENTITY_HEADER]: signIdentity({ sub: 'bench', scopes: [] }, KEY) };
  const start = performance.now();
  run++;
  for (let i = 0; i < COMMITS; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const name = `r${run}-${i}`;
    await client.addDocument({ '@type': 'Tag', name }, {}, 'bench', `[bench] ${name}\n\nTrace-Id: ${'0'.repeat(31)}1\nUser-Sid: bench`);
    writtenAt.set(`Tag/${name}`, performance.now());
    if (nudgeUrl !== undefined) void fetch(`${nudgeUrl}/nudge`, { method: 'POST', headers: { ...headers, [IDENTITY_HEADER]: signIdentity({ sub: 'bench', scopes: [] }, KEY) } });
  }
  const writesDone = performance.now();
  while (received < COMMITS && performance.now() - writesDone < 30_000) await sleep(5);
  const seconds = (lastReceived - start) / 1000;
  rows.push([`${label}: achieved commit rate`, `${(COMMITS / ((writesDone - start) / 1000)).toFixed(1)} commits/s`]);
  rows.push([`${label}: latency p50 / p99 / max`, `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))} / ${ms(percentile(latencies, 100))}`]);
  rows.push([`${label}: events received / events/s`, `${received} / ${(received / seconds).toFixed(1)}`]);
}

const nudged = await startAudit(1_000);
await sleep(500);
for (const rate of RATES) await measure(`nudge, ${rate}/s`, rate, nudged.url);
await measure('nudge, as fast as possible', 100_000, nudged.url);
nudged.child.kill('SIGTERM');
await sleep(500);
const polling = await startAudit(100);
await measure(`poll 100 ms, ${RATES[0]}/s`, RATES[0] ?? 20, undefined);
polling.child.kill('SIGTERM');

printTable(`commit → event (${COMMITS} single-document commits per run; kernel, nats-server and audit relay in their own processes)`, rows);
await bus.close();
nats.child.kill('SIGTERM');
await kernel.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
