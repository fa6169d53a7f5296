/**
 * Core subgraph benchmark: `npx tsx bench/core/run.ts [documents=10000] [seconds=10] [concurrency=16]`.
 * The kernel and the subgraph each run in their own process (`kernel/main.ts`, `subgraphs/core/main.ts`);
 * 10,000 seeded documents are loaded through the official client; node:http keep-alive clients send
 * signed-identity requests straight at the subgraph at a fixed concurrency.
 *
 * Every case runs twice: against a subgraph with its commit-keyed read caches (default config; the
 * same query repeated is served from them) and against one started with `CORE_CACHE_MB=0` (every
 * operation is translated, sent to the kernel and shaped). The "varying" case sends a different
 * page (`after` cursor of a random offset) each time, so even with caches it mostly misses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WOQLClient } from 'terminusdb';
import { signIdentity } from '../../lib/index.js';
import { generateSeed, pushOntology } from '../../ontology/index.js';
import { spawnKernel } from '../support/spawnKernel.js';
import { ms, percentile, printTable } from '../support/table.js';
import { spawnSubgraph } from './spawnSubgraph.js';
import { subgraphClient } from './subgraphClient.js';

const N = Number(process.argv[2] ?? 10_000);
const SECONDS = Number(process.argv[3] ?? 10);
const CONCURRENCY = Number(process.argv[4] ?? 16);
const KEY = 'bench-identity-key';

const dataDir = mkdtempSync(join(tmpdir(), 'core-bench-'));
const kernel = await spawnKernel(dataDir);
const admin = new WOQLClient(kernel.url, { user: 'admin', organization: 'admin', key: 'root' });
await admin.createDatabase('catalog', { label: 'catalog', comment: '', schema: true });
admin.db('catalog');
await pushOntology(admin, { branch: 'main', message: 'ontology' });
const seed = generateSeed({ n: N, seed: 7 });
let t0 = performance.now();
for (let i = 0; i < seed.length; i += 2_000) await admin.addDocument(seed.slice(i, i + 2_000), {}, 'catalog', 'seed');
const loadMs = performance.now() - t0;
const env = { TERMINUSDB_URL: kernel.url, TERMINUSDB_DB: 'catalog', ROUTER_IDENTITY_KEY: KEY, CORE_PORT: '0', LOG_LEVEL: 'warn' };
const cached = await spawnSubgraph(env);
const uncached = await spawnSubgraph({ ...env, CORE_CACHE_MB: '0' });

let token = { value: '', at: 0 };
const identity = (): string => {
  if (Date.now() - token.at > 10_000) token = { value: signIdentity({ sub: 'bench', scopes: [], traceId: '0af7651916cd43dd8448eb211c80319c' }, KEY), at: Date.now() };
  return token.value;
};
const sendCached = subgraphClient(cached.url, identity);
const sendUncached = subgraphClient(uncached.url, identity);

const datasetIds = seed.filter((d) => d['@type'] === 'Dataset').map((d) => String(d['@id']));
const NESTED = `query Nested { datasets(first: 20) { totalCount edges { cursor node { id name project { name } notes { totalCount nodes { body } } } } pageInfo { hasNextPage endCursor } } }`;
const BY_ID = `query ById($id: ID!) { dataset(id: $id) { id name path status owner { __typename ... on Team { name } } } }`;
const FILTERED = `query Filtered { datasets(first: 20, filter: {status: {eq: ACTIVE}, name: {startsWith: "C"}}, orderBy: [{name: ASC}]) { totalCount nodes { id name status } } }`;

const PAGE = `query Page($after: String) { datasets(first: 20, after: $after) { totalCount edges { cursor node { id name project { name } notes { totalCount nodes { body } } } } pageInfo { hasNextPage endCursor } } }`;

interface Case {
  readonly name: string;
  readonly body: () => string;
  readonly target?: string;
}
// Cursors of every offset (one per dataset), to page from random places.
const allCursors = (JSON.parse((await sendCached(JSON.stringify({ query: `{ datasets(first: 1000) { edges { cursor } } }` }))).text) as { data: { datasets: { edges: { cursor: string }[] } } }).data.datasets.edges.map((e) => e.cursor);
const cases: Case[] = [
  { name: 'list of 20 + link + backlink', body: () => JSON.stringify({ query: NESTED }), target: '≥ 1000 req/s at p95 ≤ 50 ms' },
  { name: 'same, varying page (random after)', body: () => JSON.stringify({ query: PAGE, variables: { after: allCursors[Math.floor(Math.random() * allCursors.length)] } }) },
  { name: 'by id (random of 2000)', body: () => JSON.stringify({ query: BY_ID, variables: { id: datasetIds[Math.floor(Math.random() * datasetIds.length)] } }) },
  { name: 'filtered + ordered list of 20', body: () => JSON.stringify({ query: FILTERED }) },
];

async function run(send: typeof sendCached, c: Case, seconds: number): Promise<{ rps: number; samples: number[]; errors: number }> {
  const samples: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const start = performance.now();
      // A transport failure (e.g. a reset keep-alive socket) is counted as an error, not fatal.
      const reply = await send(c.body()).catch(() => undefined);
      samples.push(performance.now() - start);
      if (reply === undefined || reply.status !== 200 || reply.text.includes('"errors"')) errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { rps: samples.length / ((performance.now() - started) / 1000), samples, errors };
}

for (const send of [sendCached, sendUncached]) {
  for (const c of cases) {
    const reply = await send(c.body());
    if (reply.status !== 200 || reply.text.includes('"errors"')) throw new Error(`unexpected answer to ${c.name}: ${reply.text.slice(0, 500)}`);
  }
}
const same = await Promise.all([sendCached(cases[0]?.body() ?? ''), sendUncached(cases[0]?.body() ?? '')]);
if (same[0].text !== same[1].text) throw new Error('cached and uncached answers differ');
const rows: [string, string, string?][] = [
  ['documents / load time', `${seed.length} / ${Math.round(loadMs)} ms`],
  ['concurrency / duration per case', `${CONCURRENCY} / ${SECONDS} s (after 2 s warm-up)`],
];
for (const [label, send] of [['cached', sendCached], ['uncached (CORE_CACHE_MB=0)', sendUncached]] as const) {
  for (const c of cases) {
    await run(send, c, 2);
    t0 = performance.now();
    const r = await run(send, c, SECONDS);
    rows.push([`${c.name} — ${label}`, `${Math.round(r.rps)} req/s, p50 ${ms(percentile(r.samples, 50))}, p95 ${ms(percentile(r.samples, 95))}, p99 ${ms(percentile(r.samples, 99))}, errors ${r.errors}`, c.target ?? '']);
  }
}
printTable(`core subgraph (kernel and subgraph in their own processes, ${CONCURRENCY} keep-alive clients)`, rows);
await cached.stop();
await uncached.stop();
await kernel.stop();
rmSync(dataDir, { recursive: true, force: true });
