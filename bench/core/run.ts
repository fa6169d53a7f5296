/**
 * Core subgraph benchmark: `npx tsx bench/core/run.ts [documents=10000] [seconds=10] [concurrency=16]`.
 * The kernel and the subgraph each run in their own process (`kernel/main.ts`, `subgraphs/core/main.ts`);
 * 10,000 seeded documents are loaded through the official client; node:http keep-alive clients send
 * signed-identity requests straight at the subgraph at a fixed concurrency.
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
const subgraph = await spawnSubgraph({ TERMINUSDB_URL: kernel.url, TERMINUSDB_DB: 'catalog', ROUTER_IDENTITY_KEY: KEY, CORE_PORT: '0', LOG_LEVEL: 'warn' });

let token = { value: '', at: 0 };
const identity = (): string => {
  if (Date.now() - token.at > 10_000) token = { value: signIdentity({ sub: 'bench', scopes: [], traceId: '0af7651916cd43dd8448eb211c80319c' }, KEY), at: Date.now() };
  return token.value;
};
const send = subgraphClient(subgraph.url, identity);

const datasetIds = seed.filter((d) => d['@type'] === 'Dataset').map((d) => String(d['@id']));
const NESTED = `query Nested { datasets(first: 20) { totalCount edges { cursor node { id name project { name } notes { totalCount nodes { body } } } } pageInfo { hasNextPage endCursor } } }`;
const BY_ID = `query ById($id: ID!) { dataset(id: $id) { id name path status owner { __typename ... on Team { name } } } }`;
const FILTERED = `query Filtered { datasets(first: 20, filter: {status: {eq: ACTIVE}, name: {startsWith: "C"}}, orderBy: [{name: ASC}]) { totalCount nodes { id name status } } }`;

interface Case {
  readonly name: string;
  readonly body: () => string;
}
const cases: Case[] = [
  { name: 'list of 20 + link + backlink', body: () => JSON.stringify({ query: NESTED }) },
  { name: 'by id', body: () => JSON.stringify({ query: BY_ID, variables: { id: datasetIds[Math.floor(Math.random() * datasetIds.length)] } }) },
  { name: 'filtered + ordered list of 20', body: () => JSON.stringify({ query: FILTERED }) },
];

async function run(c: Case, seconds: number): Promise<{ rps: number; samples: number[]; errors: number }> {
  const samples: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const start = performance.now();
      const reply = await send(c.body());
      samples.push(performance.now() - start);
      if (reply.status !== 200 || reply.text.includes('"errors"')) errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { rps: samples.length / ((performance.now() - started) / 1000), samples, errors };
}

const check = JSON.parse((await send(cases[0]?.body() ?? '')).text) as { data?: { datasets?: { edges?: unknown[] } } };
if (check.data?.datasets?.edges?.length !== 20) throw new Error(`unexpected answer: ${JSON.stringify(check).slice(0, 500)}`);
const rows: [string, string, string?][] = [
  ['documents / load time', `${seed.length} / ${Math.round(loadMs)} ms`],
  ['concurrency / duration per case', `${CONCURRENCY} / ${SECONDS} s (after 2 s warm-up)`],
];
for (const c of cases) {
  await run(c, 2);
  t0 = performance.now();
  const r = await run(c, SECONDS);
  const target = c === cases[0] ? '≥ 1000 req/s at p95 ≤ 50 ms' : '';
  rows.push([c.name, `${Math.round(r.rps)} req/s, p50 ${ms(percentile(r.samples, 50))}, p95 ${ms(percentile(r.samples, 95))}, p99 ${ms(percentile(r.samples, 99))}, errors ${r.errors}`, target]);
}
printTable(`core subgraph (kernel and subgraph in their own processes, ${CONCURRENCY} keep-alive clients)`, rows);
await subgraph.stop();
await kernel.stop();
rmSync(dataDir, { recursive: true, force: true });
