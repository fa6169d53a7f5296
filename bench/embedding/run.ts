/**
 * Embedding benchmark: `npx tsx bench/embedding/run.ts [vectors=100000] [queries=1000] [commits=20]`.
 *
 * 1. ANN index: `vectors` × 512 clustered unit vectors — build time, memory, query p50/p95 at k=10 and
 *    recall@10 against brute force, save/load (in this process).
 * 2. Embedding throughput: USE lite (the default provider) per texts-per-call batch size, and the
 *    lexical embedder, docs/s on texts built from the demo seed.
 * 3. Commit → searchable: kernel, nats-server, the audit subgraph (commit relay) and the embedding
 *    subgraph (USE) each in their own process; this process writes one note per commit through the
 *    official client, nudges the relay (as the core subgraph does) and polls `semanticSearch` on the
 *    embedding subgraph until the note is the top hit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { WOQLClient } from 'terminusdb';
import { IDENTITY_HEADER, signIdentity } from '../../lib/index.js';
import { demoSeed, pushOntology } from '../../ontology/index.js';
import { documentText, lexicalEmbedder, manifestPlan, USE_BATCH, useEmbedder, type Embedder } from '../../subgraphs/embedding/index.js';
import { spawnKernel } from '../support/spawnKernel.js';
import { spawnProcess } from '../support/spawnProcess.js';
import { ms, percentile, printTable } from '../support/table.js';
import { indexBench } from './indexBench.js';

const VECTORS = Number(process.argv[2] ?? 100_000);
const QUERIES = Number(process.argv[3] ?? 1_000);
const COMMITS = Number(process.argv[4] ?? 20);
const KEY = 'bench-identity-key';
const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));

printTable(`ANN index (${VECTORS.toLocaleString('en')} vectors; load average at start ${loadavg().map((x) => x.toFixed(1)).join(' ')})`, await indexBench(VECTORS, QUERIES));

// --- 2. throughput -----------------------------------------------------------------------------
const plan = manifestPlan();
const seedTexts = [...demoSeed()].flatMap((d) => {
  const cls = plan.classes.get(String(d['@type']));
  return cls === undefined ? [] : [documentText(cls, d as never)];
}).filter((t) => t !== '');
const texts = Array.from({ length: 1_000 }, (_, i) => `${seedTexts[i % seedTexts.length] ?? ''} (${i})`);
async function throughput(e: Embedder, n: number, warm = 32): Promise<string> {
  await e.embed(texts.slice(0, warm));
  const t = performance.now();
  await e.embed(texts.slice(0, n));
  const s = (performance.now() - t) / 1000;
  return `${(n / s).toFixed(0)} docs/s (${n} docs, mean ${Math.round(texts.slice(0, n).reduce((a, x) => a + x.length, 0) / n)} chars)`;
}
const loadStart = performance.now();
const use = await useEmbedder();
const loadMs = performance.now() - loadStart;
const rows: [string, string, string?][] = [['USE lite model load (worker thread)', ms(loadMs)]];
await use.close?.();
// Texts per model call: the same 256 documents through a fresh worker per batch size.
for (const batchSize of [8, 16, 32, 64, 128]) {
  const e = await useEmbedder({ batchSize });
  rows.push([`USE lite (512 dims), batches of ${batchSize}${batchSize === USE_BATCH ? ' (default)' : ''}`, await throughput(e, 256, batchSize)]);
  await e.close?.();
}
{
  const e = await useEmbedder({ workers: 2 });
  rows.push([`USE lite, batches of ${USE_BATCH}, 2 worker threads (EMBEDDING_USE_WORKERS=2)`, await throughput(e, 256, 2 * USE_BATCH)]);
  await e.close?.();
}
rows.push(['lexical (256 dims)', await throughput(lexicalEmbedder(256), 1_000)]);
printTable(`embedding throughput (one process; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`, rows);

// --- 3. commit → searchable --------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'embedding-bench-'));
const kernel = await spawnKernel(join(dir, 'kernel'));
const natsPort = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});
const nats = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(natsPort), '-sd', join(dir, 'nats')], { stdio: ['ignore', 'pipe', 'pipe'] });
await new Promise<void>((resolve) => createInterface({ input: nats.stderr }).on('line', (l) => l.includes('Server is ready') && resolve()));
const natsUrl = `nats://127.0.0.1:${natsPort}`;
const admin = new WOQLClient(kernel.url, { user: 'admin', organization: 'admin', key: 'root' });
await admin.createDatabase('bench', { label: 'bench', comment: '', schema: true });
admin.db('bench');
await pushOntology(admin, { branch: 'main', message: 'ontology' });
await admin.addDocument([...demoSeed()], {}, 'bench', 'seed');
const env = { TERMINUSDB_URL: kernel.url, TERMINUSDB_DB: 'bench', NATS_URL: natsUrl, ROUTER_IDENTITY_KEY: KEY, LOG_LEVEL: 'warn' };
const audit = await spawnProcess('subgraphs/audit/main.ts', { ...env, AUDIT_PORT: '0' });
const embedding = await spawnProcess('subgraphs/embedding/main.ts', { ...env, EMBEDDING_PORT: '0', EMBEDDING_DATA_DIR: join(dir, 'embedding'), EMBEDDING_PROVIDER: 'use' });
const signed = (): Record<string, string> => ({ 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity({ sub: 'bench', scopes: [] }, KEY) });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read, not typed
async function gql(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  return (await fetch(`${embedding.url}/graphql`, { method: 'POST', headers: signed(), body: JSON.stringify({ query, variables }) })).json();
}
const backfillStart = performance.now();
for (;;) {
  const s = await gql('{ embeddingStatus { documentsIndexed commitsBehind } }');
  if (s.data?.embeddingStatus?.documentsIndexed >= 282 && s.data.embeddingStatus.commitsBehind === 0) break;
  await sleep(100);
}
const backfillMs = performance.now() - backfillStart;
const note = [...demoSeed()].find((d) => d['@type'] === 'Note') as Record<string, unknown>;
const animals = ['aardvark', 'bison', 'caracal', 'dugong', 'echidna', 'fossa', 'gharial', 'hoatzin', 'ibex', 'jerboa', 'kinkajou', 'lemur', 'margay', 'numbat', 'ocelot', 'pangolin', 'quokka', 'serval', 'tarsier', 'urial', 'vicuna', 'wombat', 'xerus', 'yapok', 'zorilla'];
const latencies: number[] = [];
for (let i = 0; i < COMMITS; i++) {
  const animal = `${animals[i % animals.length]}`;
  const body = `Field notes: ${animal} tracks counted near the northern watering hole, survey ${i}`;
  const t0 = performance.now();
  const [iri] = (await admin.addDocument({ ...note, '@id': undefined, body }, {}, 'bench', `[bench] note ${i}`)) as string[];
  const id = String(iri).replace('terminusdb:///data/', '');
  void fetch(`${audit.url}/nudge`, { method: 'POST', headers: signed() });
  for (;;) {
    const a = await gql('query($t: String!) { semanticSearch(text: $t, types: ["Note"], k: 1) { id } }', { t: `${animal} tracks northern watering hole survey ${i}` });
    if (a.data?.semanticSearch?.[0]?.id === id) break;
    await sleep(10);
  }
  latencies.push(performance.now() - t0);
  await sleep(100);
}
printTable('commit → searchable (kernel, nats-server, audit relay, embedding with USE: separate processes)', [
  ['start-up backfill of the demo seed (282 documents)', `${(backfillMs / 1000).toFixed(1)} s`],
  [`one-note commit → top hit, p50 / p95 / max (${COMMITS} commits)`, `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))} / ${ms(Math.max(...latencies))}`, '≤ 2 s'],
]);
await embedding.stop();
await audit.stop();
await kernel.stop();
nats.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
process.exit(0);
