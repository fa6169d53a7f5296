/**
 * Subscription fan-out: N graphql-ws subscribers (loopback) on one router, synthetic commit events
 * published straight to JetStream (`commits.<db>.main`) at a fixed rate; latency = publish → event
 * received by a client (same process clock). The selection holds envelope fields only, so the numbers
 * are the router's fan-out (bus → hub → per-subscriber execution → WebSocket), not the subgraphs'.
 * `npx tsx bench/subscriptions/run.ts [subscribers=1000,5000,10000] [events=50] [rate=10]`
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { commitSubject, createEventBus, serve, type CommitEvent } from '../../lib/index.js';
import { createRouter } from '../../router/index.js';
import { ms, percentile, printTable } from '../support/table.js';

const counts = (process.argv[2] ?? '1000,5000,10000').split(',').map(Number);
const EVENTS = Number(process.argv[3] ?? 50);
const RATE = Number(process.argv[4] ?? 10);
const DB = 'bench';
const QUERY = 'subscription { commitAdded(branch: "main") { cursor commitId timestamp changes { id op } } }';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

process.on('unhandledRejection', () => undefined);

async function main(): Promise<void> {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'bench-subs-'));
  const nats = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', store], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const url = `nats://127.0.0.1:${port}`;
  const bus = await createEventBus({ kind: 'nats', url });
  const publisher = await createEventBus({ kind: 'nats', url });
  const router = await createRouter(
    { supergraph: { sdl: readFileSync('supergraph.graphql', 'utf8'), watchIntervalMs: 0 }, auth: { secret: 'bench-secret-bench-secret' }, checkSubgraphsReady: false, subscriptions: { db: DB, maxPerConnection: 10, maxPerToken: 100_000 } },
    { bus },
  );
  const served = await serve(router.handler, { port: 0 });
  served.server.on('upgrade', (req, socket, head) => router.upgrade(req, socket, head));
  const { mintDevToken } = await import('../../router/index.js');
  const authorization = `Bearer ${await mintDevToken({ secret: 'bench-secret-bench-secret', sub: 'bench', scopes: ['read'] })}`;
  const rows: [string, string][] = [];
  for (const n of counts) {
    const latencies: number[] = [];
    const clients: Client[] = [];
    const sent = new Map<string, number>();
    let received = 0;
    let failed = 0;
    for (let i = 0; i < n; i++) {
      const client = createClient({ url: `${served.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization }, on: { error: () => void failed++ } });
      clients.push(client);
      client.subscribe({ query: QUERY }, {
        next: (v) => {
          const id = (v.data as { commitAdded?: { commitId?: string } } | null)?.commitAdded?.commitId;
          const t = id !== undefined ? sent.get(id) : undefined;
          if (t !== undefined) latencies.push(performance.now() - t);
          received++;
        },
        error: () => void failed++,
        complete: () => undefined,
      });
    }
    const until = Date.now() + 120_000;
    while (router.subscriptions().live < n && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let e = 0; e < EVENTS; e++) {
      const commit = `c${n}x${e}`;
      const event: CommitEvent = { version: 1, kind: 'commit', db: DB, branch: 'main', commit, parent: null, author: 'bench', message: 'bench', trailers: {}, traceId: null, userSid: null, timestamp: new Date().toISOString(), changes: [{ id: `Tag/t${e}`, type: 'Tag', op: 'inserted' }], changeCount: 1, truncated: false };
      sent.set(commit, performance.now());
      await publisher.publish(commitSubject(DB, 'main'), event, { msgId: commit });
      await new Promise((r) => setTimeout(r, 1000 / RATE));
    }
    const deadline = Date.now() + 60_000;
    while (received < n * EVENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    latencies.sort((a, b) => a - b);
    rows.push([`${n} subscribers: delivered / expected (client errors)`, `${received} / ${n * EVENTS} (${failed})`]);
    rows.push([`${n} subscribers: latency p50 / p99 / max`, `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))} / ${ms(latencies.at(-1) ?? 0)}`]);
    rows.push([`${n} subscribers: process RSS / CPU`, `${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB / ${Math.round(((cpu.user + cpu.system) / 1e6 / seconds) * 100)} %`]);
    console.log(rows.slice(-3).map((r) => r.join(': ')).join('\n'));
    await Promise.all(clients.map((c) => Promise.resolve(c.dispose()).catch(() => undefined)));
    while (router.subscriptions().active > 0 && Date.now() < deadline + 30_000) await new Promise((r) => setTimeout(r, 50));
  }
  printTable('Subscriptions: fan-out (router + clients in one process, loopback)', rows);
  await served.close();
  await router.close();
  await Promise.all([bus.close(), publisher.close()]);
  nats.kill('SIGKILL');
  rmSync(store, { recursive: true, force: true });
}

await main();
process.exit(0);
