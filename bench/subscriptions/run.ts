/**
 * Subscription fan-out: N graphql-ws subscribers on one router, synthetic commit events published
 * straight to JetStream (`commits.<db>.main`) at a fixed rate. The router runs in this process (with
 * the publisher, a few publishes a second); the subscribers run in child processes (`clients.ts`,
 * at most 5,000 sockets each), so the router's RSS and CPU are measured alone. Latency = publish →
 * event parsed by a client (the scheduled publish time travels in the event's `message`; one machine
 * clock; a publish that runs late because the process is busy counts as latency).
 * The selection holds envelope fields only: the numbers are the router's fan-out (bus → hub → shared
 * execution → WebSocket frames), not the subgraphs'.
 * `npx tsx bench/subscriptions/run.ts [subscribers=1000,5000,10000] [events=100] [rate=20] [--cpu-prof]`
 * (`--cpu-prof`: run under `node --cpu-prof` yourself, e.g. `node --cpu-prof --import tsx bench/subscriptions/run.ts 10000`).
 */
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitSubject, createEventBus, serve, type CommitEvent } from '../../lib/index.js';
import { createRouter, mintDevToken } from '../../router/index.js';
import { ms, percentile, printTable } from '../support/table.js';

const counts = (process.argv[2] ?? '1000,5000,10000').split(',').map(Number);
const EVENTS = Number(process.argv[3] ?? 100);
const RATE = Number(process.argv[4] ?? 20);
const PER_PROCESS = 5_000;
const DB = 'bench';
const SECRET = 'bench-secret-bench-secret';
const QUERY = 'subscription { commitAdded(branch: "main") { cursor commitId message timestamp changes { id op } } }';

interface Report {
  readonly kind: 'report';
  readonly received: number;
  readonly errors: number;
  readonly closed: number;
  readonly latencies: number[];
  readonly cpuMs: number;
  readonly rss: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

function startClients(url: string, count: number, authorization: string) {
  const child = fork(new URL('./clients.ts', import.meta.url).pathname, [url, String(count), authorization, QUERY], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise<{ opened: number; errors: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`clients exited with ${code}`)));
    child.on('message', (m: { kind: string; opened: number; errors: number }) => {
      if (m.kind === 'ready') resolve(m);
    });
  });
  const report = (kind: 'report' | 'progress' = 'report'): Promise<Report> =>
    new Promise((resolve) => {
      const on = (m: { kind: string }): void => {
        if (m.kind !== kind) return;
        child.off('message', on);
        resolve(m as Report);
      };
      child.on('message', on);
      child.send({ kind });
    });
  return { child, ready, report };
}

async function main(): Promise<void> {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'bench-subs-'));
  const nats = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', store], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const natsUrl = `nats://127.0.0.1:${port}`;
  const bus = await createEventBus({ kind: 'nats', url: natsUrl });
  const publisher = await createEventBus({ kind: 'nats', url: natsUrl });
  const router = await createRouter(
    { supergraph: { sdl: readFileSync('supergraph.graphql', 'utf8'), watchIntervalMs: 0 }, auth: { secret: SECRET }, checkSubgraphsReady: false, subscriptions: { db: DB, maxPerConnection: 10, maxPerToken: 100_000 } },
    { bus },
  );
  const served = await serve(router.handler, { port: 0 });
  served.server.on('upgrade', (req, socket, head) => router.upgrade(req, socket, head));
  const authorization = `Bearer ${await mintDevToken({ secret: SECRET, sub: 'bench', scopes: ['read'] })}`;
  const wsUrl = `${served.url.replace('http', 'ws')}/graphql`;
  const rows: [string, string, string?][] = [];
  for (const n of counts) {
    const groups = Array.from({ length: Math.ceil(n / PER_PROCESS) }, (_, i) => Math.min(PER_PROCESS, n - i * PER_PROCESS));
    const clients = groups.map((c) => startClients(wsUrl, c, authorization));
    const ready = await Promise.all(clients.map((c) => c.ready));
    const until = Date.now() + 120_000;
    while (router.subscriptions().live < n && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const openErrors = ready.reduce((a, r) => a + r.errors, 0);
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peakRss = rss0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const cpu0 = process.cpuUsage();
    const counts0 = router.subscriptions();
    const clientCpu0 = (await Promise.all(clients.map((c) => c.report()))).reduce((a, r) => a + r.cpuMs, 0);
    for (const c of clients) c.child.send({ kind: 'reset' });
    const t0 = performance.now();
    for (let e = 0; e < EVENTS; e++) {
      const due = t0 + (e * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const commit = `c${n}x${e}`;
      // The event carries its scheduled time, not the time it was published: when the router's
      // process is too busy to publish on schedule, the wait counts as latency (no coordinated omission).
      const event: CommitEvent = { version: 1, kind: 'commit', db: DB, branch: 'main', commit, parent: null, author: 'bench', message: String(performance.timeOrigin + due), trailers: {}, traceId: null, userSid: null, timestamp: new Date().toISOString(), changes: [{ id: `Tag/t${e}`, type: 'Tag', op: 'inserted' }], changeCount: 1, truncated: false };
      await publisher.publish(commitSubject(DB, 'main'), event, { msgId: commit });
    }
    const deadline = Date.now() + 60_000;
    let reports: Report[] = [];
    for (;;) {
      reports = await Promise.all(clients.map((c) => c.report('progress')));
      if (reports.reduce((a, r) => a + r.received, 0) >= n * EVENTS || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    reports = await Promise.all(clients.map((c) => c.report()));
    const received = reports.reduce((a, r) => a + r.received, 0);
    const errors = openErrors + reports.reduce((a, r) => a + r.errors + r.closed, 0);
    const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const clientCpu = reports.reduce((a, r) => a + r.cpuMs, 0) - clientCpu0;
    rows.push([`${n} subscribers: delivered / expected (client errors)`, `${received} / ${n * EVENTS} (${errors})`]);
    rows.push([`${n} subscribers: latency p50 / p99 / max`, `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))} / ${ms(latencies.at(-1) ?? NaN)}`, n === 10_000 ? 'p99 ≤ 250 ms' : '']);
    rows.push([`${n} subscribers: router RSS (idle subscribed / peak) / CPU`, `${Math.round(rss0 / 2 ** 20)} / ${Math.round(peakRss / 2 ** 20)} MiB / ${Math.round(((cpu.user + cpu.system) / 1e6 / seconds) * 100)} %`, n === 10_000 ? 'RSS ≤ 1 GiB' : '']);
    const counts = router.subscriptions();
    rows.push([`${n} subscribers: run length / frames per socket write`, `${seconds.toFixed(1)} s / ${((counts.frames - counts0.frames) / Math.max(1, counts.writes - counts0.writes)).toFixed(2)}`]);
    rows.push([`${n} subscribers: router CPU per delivered event`, `${(((cpu.user + cpu.system) / Math.max(1, received)) * 1).toFixed(1)} µs`]);
    rows.push([`${n} subscribers: clients (${clients.length} processes) CPU`, `${Math.round((clientCpu / 1000 / seconds) * 100)} %`]);
    console.log(rows.slice(-6).map((r) => r.join(': ')).join('\n'));
    for (const c of clients) c.child.send({ kind: 'exit' });
    await Promise.all(clients.map((c) => new Promise((r) => c.child.once('exit', r))));
    const drain = Date.now() + 60_000;
    while (router.subscriptions().active > 0 && Date.now() < drain) await new Promise((r) => setTimeout(r, 50));
  }
  printTable(`Subscriptions: fan-out, ${EVENTS} events at ${RATE}/s (router in this process, clients in child processes, loopback)`, rows);
  await served.close();
  await router.close();
  await Promise.all([bus.close(), publisher.close()]);
  nats.kill('SIGKILL');
  rmSync(store, { recursive: true, force: true });
}

await main();
process.exit(0);
