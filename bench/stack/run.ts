/**
 * Full-stack read benchmark: router → core subgraph → kernel, each in its own process, auth and
 * limits on (a signed dev JWT), 10,000 seeded documents.
 *   npx tsx bench/stack/run.ts [documents=10000] [seconds=10] [concurrency=16]
 * The three processes run with NODE_ENV=production. BENCH_CPU_PROF=<dir> writes a V8 CPU profile of
 * each of them into <dir> (`--cpu-prof`).
 * Cases: the nested list of 20 (link + backlink) repeated — served from the core's commit-keyed
 * caches after the first request — and the same list at random pages (mostly cache misses).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WOQLClient } from 'terminusdb';
import { generateSeed, pushOntology } from '../../ontology/index.js';
import { mintDevToken } from '../../router/index.js';
import { load } from '../router/load.js';
import { spawnService } from '../router/spawnService.js';
import { ms, percentile, printTable } from '../support/table.js';

const N = Number(process.argv[2] ?? 10_000);
const SECONDS = Number(process.argv[3] ?? 10);
const CONCURRENCY = Number(process.argv[4] ?? 16);
const KEY = 'bench-identity-key';
const SECRET = 'bench-jwt-secret-0123456789abcdef';

const PROFILE = process.env['BENCH_CPU_PROF'];
const nodeArgs = PROFILE !== undefined && PROFILE !== '' ? ['--cpu-prof', `--cpu-prof-dir=${resolve(PROFILE)}`] : [];

const dir = mkdtempSync(join(tmpdir(), 'stack-bench-'));
// as deployed: NODE_ENV=production (graphql-js skips its development-mode instanceof checks)
const PROD = { NODE_ENV: 'production' };
const kernel = await spawnService<{ url: string }>('kernel/main.ts', { ...PROD, KERNEL_PORT: '0', KERNEL_DATA_DIR: join(dir, 'kernel') }, 'url', nodeArgs);
const admin = new WOQLClient(kernel.info.url, { user: 'admin', organization: 'admin', key: 'root' });
await admin.createDatabase('supergraph', { label: 'bench', comment: '', schema: true });
admin.db('supergraph');
await pushOntology(admin, { branch: 'main', message: 'ontology' });
const seed = generateSeed({ n: N, seed: 7 });
for (let i = 0; i < seed.length; i += 2_000) await admin.addDocument(seed.slice(i, i + 2_000), {}, 'supergraph', 'seed');

const env = { ...PROD, TERMINUSDB_URL: kernel.info.url, TERMINUSDB_DB: 'supergraph', ROUTER_IDENTITY_KEY: KEY, CORE_PORT: '0', LOG_LEVEL: 'warn' };
// core's main.ts prints `{"url": ...}` on its own; pino lines carry `msg` and are skipped
const core = await spawnService<{ url: string }>('subgraphs/core/main.ts', env, 'url', nodeArgs, (m) => m['msg'] === undefined);
const yaml = join(dir, 'supergraph.yaml');
writeFileSync(yaml, `subgraphs:\n  core:\n    schema: ${resolve('subgraphs/core/schema.graphql')}\n    url: ${core.info.url}/graphql\n`);
const router = await spawnService<{ url: string }>('router/main.ts', { ...env, LOG_LEVEL: 'info', ROUTER_COMPOSE: yaml, PORT: '0', JWT_SECRET: SECRET, AUTH_REQUIRED: 'true' }, 'url', nodeArgs);
const token = await mintDevToken({ secret: SECRET, sub: 'bench', scopes: ['read'] });
const headers = { authorization: `Bearer ${token}` };

const NESTED = 'query Nested($after: String) { datasets(first: 20, after: $after) { totalCount edges { cursor node { id name project { name } notes { totalCount nodes { body } } } } pageInfo { hasNextPage endCursor } } }';
const cursors: (string | null)[] = [null];
{
  // collect page cursors for the varying case
  let after: string | null = null;
  for (let i = 0; i < 20; i++) {
    const res = await fetch(router.info.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query: NESTED, variables: { after } }) });
    const page = (await res.json()) as { data?: { datasets: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
    const info = page.data?.datasets.pageInfo;
    if (info?.endCursor === undefined || info.endCursor === null) break;
    cursors.push(info.endCursor);
    if (!info.hasNextPage) break;
    after = info.endCursor;
  }
}
const rows: [string, string, string?][] = [];
const cases: [string, string[]][] = [
  ['nested list of 20 (link + backlink), repeated', [JSON.stringify({ query: NESTED, variables: { after: null } })]],
  [`nested list at ${cursors.length} different pages`, cursors.map((after) => JSON.stringify({ query: NESTED, variables: { after } }))],
];
try {
  for (const [name, bodies] of cases) {
    await load(router.info.url, bodies, headers, CONCURRENCY, 1); // warm-up
    const client = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    };
    const cpu0 = [router.cpuSeconds(), core.cpuSeconds(), kernel.cpuSeconds(), client()];
    const r = await load(router.info.url, bodies, headers, CONCURRENCY, SECONDS);
    const used = [router.cpuSeconds(), core.cpuSeconds(), kernel.cpuSeconds(), client()].map((c, i) => c - (cpu0[i] ?? 0));
    const cpu = used.map((c) => `${((100 * c) / r.seconds).toFixed(0)} % (${((1000 * c) / Math.max(1, r.requests)).toFixed(2)} ms/req)`);
    const rps = r.requests / r.seconds;
    rows.push([
      name,
      `${rps.toFixed(0)} req/s, p50 ${ms(percentile(r.latenciesMs, 50))}, p95 ${ms(percentile(r.latenciesMs, 95))}, p99 ${ms(percentile(r.latenciesMs, 99))}, errors ${r.errors}, ${(r.bytes / Math.max(1, r.requests) / 1024).toFixed(1)} KiB/answer`,
      '≥ 1,000 req/s at p95 ≤ 50 ms',
    ]);
    rows.push([`${name}: CPU (and CPU per request) router / core / kernel / load client`, cpu.join(' / ')]);
  }
} finally {
  await router.stop();
  await core.stop();
  await kernel.stop();
  rmSync(dir, { recursive: true, force: true });
}
printTable(`Full stack: router → core → kernel (${N.toLocaleString('en')} documents, concurrency ${CONCURRENCY}, ${SECONDS} s, JWT + limits on)`, rows);
