/**
 * Data-Kernel benchmark (issue: kernel). Starts the kernel in its own process on a temp data dir and
 * drives it over loopback HTTP with keep-alive, as a client would.
 *   npx tsx bench/kernel/run.ts [--docs 100000]
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ms, percentile, printTable } from '../support/table.js';
import { spawnKernel } from '../support/spawnKernel.js';
import { httpClient, type HttpReply } from '../support/httpClient.js';

const docsArg = process.argv.indexOf('--docs');
const TOTAL_DOCS = docsArg > 0 ? Number(process.argv[docsArg + 1]) : 100_000;
const AUTH = `Basic ${Buffer.from('admin:root').toString('base64')}`;
const DB = 'admin/bench';

function person(i: number): Record<string, unknown> {
  return {
    '@type': 'Person',
    name: `person-${i}`,
    age: 18 + (i % 70),
    email: `person${i}@example.com`,
    bio: `Person number ${i} works on data set ${i % 97} and likes graph ${i % 13}.`,
  };
}

function diskBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-kernel-'));
  const kernel = await spawnKernel(dir);
  const send = httpClient(kernel.url, AUTH);
  const call = (method: string, path: string, body?: unknown): Promise<HttpReply> =>
    send(method, path, body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
  const w = (msg: string): string => `author=bench&message=${encodeURIComponent(msg)}`;
  const rows: [string, string, string?][] = [];
  try {
    await call('POST', `/api/db/${DB}`, { label: 'bench' });
    await call('POST', `/api/document/${DB}?graph_type=schema&${w('schema')}`, {
      '@type': 'Class',
      '@id': 'Person',
      '@key': { '@type': 'Lexical', '@fields': ['name'] },
      name: 'xsd:string',
      age: 'xsd:integer',
      email: 'xsd:string',
      bio: 'xsd:string',
    });

    // 1. 10,000 documents in one commit
    const first = Array.from({ length: 10_000 }, (_, i) => person(i));
    const firstJson = JSON.stringify(first);
    let jsonBytes = Buffer.byteLength(firstJson);
    let t = performance.now();
    await call('POST', `/api/document/${DB}?${w('bulk')}`, firstJson);
    rows.push(['insert 10,000 documents in one commit', ms(performance.now() - t)]);

    // 2. 1,000 single-document commits
    const base = (await call('GET', `/api/log/${DB}?count=1`)).text;
    const baseCommit = (JSON.parse(base) as { identifier: string }[])[0]!.identifier;
    t = performance.now();
    for (let i = 0; i < 1_000; i++) {
      const doc = JSON.stringify(person(10_000 + i));
      jsonBytes += Buffer.byteLength(doc);
      await call('POST', `/api/document/${DB}?${w(`one ${i}`)}`, doc);
    }
    const commitsPerSec = 1_000 / ((performance.now() - t) / 1000);
    rows.push(['single-document commits', `${commitsPerSec.toFixed(0)} commits/s`, '≥ 500 commits/s']);
    const log = JSON.parse((await call('GET', `/api/log/${DB}?count=1001`)).text) as { identifier: string }[];
    const oldCommit = log[1000]!.identifier;

    // 3. get by id at head and 1,000 commits back
    const getLatency = async (path: string): Promise<number[]> => {
      const samples: number[] = [];
      for (let i = 0; i < 2_000; i++) {
        const id = encodeURIComponent(`Person/person-${(i * 7919) % 10_000}`);
        const s = performance.now();
        await call('GET', `/api/document/${path}?id=${id}`);
        samples.push(performance.now() - s);
      }
      return samples;
    };
    const head = await getLatency(DB);
    const old = await getLatency(`${DB}/local/commit/${oldCommit}`);
    rows.push(['get by id at head p50 / p95', `${ms(percentile(head, 50))} / ${ms(percentile(head, 95))}`, 'p95 ≤ 2 ms']);
    rows.push([
      'get by id 1,000 commits back p50 / p95',
      `${ms(percentile(old, 50))} / ${ms(percentile(old, 95))}`,
      '≤ 2× head',
    ]);

    // 4. list 10,000 by type
    const lists: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await call('GET', `/api/document/${DB}?type=Person&as_list=true&count=10000`);
      lists.push(performance.now() - s);
    }
    rows.push(['list 10,000 by type (median of 5)', ms(percentile(lists, 50))]);

    // 5. diff of two commits 1,000 changes apart
    const diffs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      await call('POST', `/api/diff/${DB}`, { before_data_version: baseCommit, after_data_version: 'main' });
      diffs.push(performance.now() - s);
    }
    rows.push(['diff of commits 1,000 changes apart (median of 3)', ms(percentile(diffs, 50))]);

    // 6. grow to TOTAL_DOCS, then branch creation
    for (let n = 11_000; n < TOTAL_DOCS; n += 10_000) {
      const chunk = JSON.stringify(Array.from({ length: Math.min(10_000, TOTAL_DOCS - n) }, (_, i) => person(n + i)));
      jsonBytes += Buffer.byteLength(chunk);
      await call('POST', `/api/document/${DB}?${w(`grow ${n}`)}`, chunk);
    }
    const branches: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      await call('POST', `/api/branch/${DB}/local/branch/b${i}`, { origin: `${DB}/local/branch/main` });
      branches.push(performance.now() - s);
    }
    rows.push([`branch create on ${TOTAL_DOCS.toLocaleString('en')} documents p50 / max`, `${ms(percentile(branches, 50))} / ${ms(Math.max(...branches))}`, '≤ 5 ms']);

    const diskOpen = diskBytes(dir);
    await kernel.stop();
    // 7. disk use (after a clean stop, which checkpoints the WAL; and while running)
    const disk = diskBytes(dir);
    rows.push([
      'bytes on disk per byte of JSON (stopped / running)',
      `${(disk / jsonBytes).toFixed(2)} / ${(diskOpen / jsonBytes).toFixed(2)} (${(disk / 1e6).toFixed(1)} MB for ${(jsonBytes / 1e6).toFixed(1)} MB)`,
      '≤ 3×',
    ]);
  } finally {
    await kernel.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(`Data-Kernel (${TOTAL_DOCS.toLocaleString('en')} documents, loopback HTTP, one client)`, rows);
}

await main();
