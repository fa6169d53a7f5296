/**
 * `npx tsx bench/router/run.ts`: our router vs a plain `@apollo/gateway` + `@apollo/server` on the same
 * four subgraphs (accounts, inventory, products, reviews), alternating rounds at fixed concurrency,
 * auth (HS256 JWT required) and limits on for ours. Prints RPS, latency percentiles and gateway CPU.
 * Env: BENCH_CONCURRENCY (32), BENCH_SECONDS per round (5), BENCH_ROUNDS per gateway (2).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSupergraph, mintDevToken } from '../../router/index.js';
import { ms, percentile } from '../support/table.js';
import { load, type LoadResult } from './load.js';
import { HEAVY, MIX } from './queries.js';
import { SDL, type SubgraphName } from './subgraphs/schemas.js';
import { spawnService, type Service } from './spawnService.js';

const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 5);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 2);

const subgraphs = await spawnService<{ subgraphs: Record<SubgraphName, string> }>('bench/router/subgraphs/serveAll.ts', {}, 'subgraphs');
const composed = composeSupergraph((Object.keys(SDL) as SubgraphName[]).map((name) => ({ name, url: subgraphs.info.subgraphs[name], sdl: SDL[name] })));
if (!composed.ok) throw new Error(composed.problems.map((p) => p.message).join('\n'));
const file = join(await mkdtemp(join(tmpdir(), 'bench-router-')), 'supergraph.graphql');
await writeFile(file, composed.supergraphSdl);

const secret = randomBytes(32).toString('hex');
const ours = await spawnService<{ url: string }>('router/main.ts', {
  SUPERGRAPH: file,
  PORT: '0',
  HOST: '127.0.0.1',
  JWT_SECRET: secret,
  AUTH_REQUIRED: 'true',
  ROUTER_IDENTITY_KEY: randomBytes(32).toString('hex'),
  ROUTER_MAX_DEPTH: '12',
  ROUTER_MAX_COST: '200000', // the heavy query's estimate is ~108k with the default list size 10
  ROUTER_GRAPHIQL: 'false',
  LOG_LEVEL: 'info',
  NODE_ENV: 'production', // as the plain gateway below
}, 'url');
const plain = await spawnService<{ url: string }>('bench/router/plainGateway.ts', { SUPERGRAPH: file, NODE_ENV: 'production' }, 'url');
const gateways: [string, Service<{ url: string }>][] = [['router', ours], ['@apollo/gateway', plain]];
const headers = { authorization: `Bearer ${await mintDevToken({ secret, sub: 'bench', scopes: ['read'], expiresInSec: 3600 })}` };

interface Totals { requests: number; errors: number; seconds: number; cpu: number; subgraphCpu: number; bytes: number; latencies: number[] }

async function workload(name: string, queries: readonly string[]): Promise<Map<string, Totals>> {
  const bodies = queries.map((query) => JSON.stringify({ query }));
  for (const [, g] of gateways) await load(g.info.url, bodies, headers, concurrency, 2); // warm-up
  const totals = new Map<string, Totals>(gateways.map(([n]) => [n, { requests: 0, errors: 0, seconds: 0, cpu: 0, subgraphCpu: 0, bytes: 0, latencies: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const [n, g] of round % 2 === 0 ? gateways : [...gateways].reverse()) {
      const cpu0 = g.cpuSeconds();
      const sub0 = subgraphs.cpuSeconds();
      const r: LoadResult = await load(g.info.url, bodies, headers, concurrency, seconds);
      const t = totals.get(n)!;
      t.cpu += g.cpuSeconds() - cpu0;
      t.subgraphCpu += subgraphs.cpuSeconds() - sub0;
      t.requests += r.requests;
      t.errors += r.errors;
      t.seconds += r.seconds;
      t.bytes += r.bytes;
      t.latencies.push(...r.latenciesMs);
    }
  }
  console.error(`${name}: done`);
  return totals;
}

const results: [string, Map<string, Totals>][] = [];
results.push(['mix', await workload('mix', MIX)]);
results.push(['heavy', await workload('heavy', [HEAVY])]);

const header = ['workload', 'gateway', 'RPS', 'p50', 'p95', 'p99', 'gateway CPU', 'subgraphs CPU', 'req / CPU-s', 'errors', 'avg answer'];
const rows: string[][] = [];
const ratios: string[] = [];
for (const [name, totals] of results) {
  for (const [g, t] of totals) {
    rows.push([name, g, (t.requests / t.seconds).toFixed(0), ms(percentile(t.latencies, 50)), ms(percentile(t.latencies, 95)), ms(percentile(t.latencies, 99)), `${((t.cpu / t.seconds) * 100).toFixed(0)} %`, `${((t.subgraphCpu / t.seconds) * 100).toFixed(0)} %`, (t.requests / t.cpu).toFixed(0), String(t.errors), `${(t.bytes / Math.max(1, t.requests) / 1024).toFixed(1)} KiB`]);
  }
  const a = totals.get('router')!;
  const b = totals.get('@apollo/gateway')!;
  ratios.push(`${name}: RPS ×${(a.requests / a.seconds / (b.requests / b.seconds)).toFixed(2)}, per CPU-second ×${(a.requests / a.cpu / (b.requests / b.cpu)).toFixed(2)}${name === 'heavy' ? ' (target ≥ 1.5 per core)' : ''}`);
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (r: readonly string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(`\nrouter vs plain @apollo/gateway — concurrency ${concurrency}, ${rounds} × ${seconds} s alternating rounds each, auth + limits on\n`);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\n${ratios.join('\n')}`);
await Promise.all([ours.stop(), plain.stop(), subgraphs.stop()]);
