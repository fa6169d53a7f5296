/**
 * `npm run embed:backfill -- [--branch main] [--types Dataset,Model] [--force] [--local]`: embeds a
 * branch (only changed documents unless `--force`), with a progress bar on a TTY. When the embedding
 * service answers at `EMBEDDING_HOST:EMBEDDING_PORT` it does the work (its `POST /reembed`, so one
 * process owns the index files); otherwise (or with `--local`) the work runs in this process.
 */
import { parseArgs } from 'node:util';
import { createLogger, IDENTITY_HEADER, signIdentity, Terminus } from '../../../lib/index.js';
import { embeddingConfigFromEnv, EmbeddingConfigError, type EmbeddingConfig } from '../config.js';
import { createEngine } from '../createEngine.js';
import type { Progress, SyncResult } from '../engine/EmbeddingEngine.js';

const { values } = parseArgs({
  options: {
    branch: { type: 'string', default: 'main' },
    types: { type: 'string' },
    force: { type: 'boolean', default: false },
    local: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run embed:backfill -- [--branch main] [--types Dataset,Model] [--force] [--local]');
  process.exit(0);
}

let config: EmbeddingConfig;
try {
  config = embeddingConfigFromEnv({ EMBEDDING_INSECURE_NO_IDENTITY: 'true', ...process.env });
} catch (err) {
  if (err instanceof EmbeddingConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
const branch = values.branch;
const types = values.types === undefined ? undefined : values.types.split(',').map((t) => t.trim()).filter((t) => t !== '');
const started = Date.now();

function bar(p: Progress): void {
  const rate = p.done / Math.max(0.001, (Date.now() - started) / 1000);
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total}  ${rate.toFixed(1)} docs/s `);
}

function done(result: SyncResult, where: string): never {
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(JSON.stringify({ ...result, branch, where, seconds: (Date.now() - started) / 1000 }));
  process.exit(0);
}

/** Asks the running service; false when none answers. */
async function viaService(): Promise<boolean> {
  const url = `http://${config.host}:${config.port}/reembed`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (config.identityKey !== null) headers[IDENTITY_HEADER] = signIdentity({ sub: process.env['USER'] || 'cli', scopes: ['service'] }, config.identityKey);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ branch, force: values.force, ...(types === undefined ? {} : { types }) }) });
  } catch {
    return false;
  }
  if (!response.ok || response.body === null) {
    console.error(`${url} answered ${response.status}: ${await response.text()}`);
    process.exit(1);
  }
  let buffered = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffered.slice(0, nl)) as { progress?: Progress; result?: SyncResult; error?: { code: string; message: string } };
      buffered = buffered.slice(nl + 1);
      if (line.progress !== undefined) bar(line.progress);
      if (line.result !== undefined) done(line.result, url);
      if (line.error !== undefined) {
        console.error(`\n${line.error.code}: ${line.error.message}`);
        process.exit(1);
      }
    }
  }
  console.error('\nthe service closed the stream without a result');
  process.exit(1);
}

if (!values.local && (await viaService())) process.exit(0);
const logger = createLogger('embedding-backfill');
const terminus = new Terminus(config.terminus);
const engine = await createEngine({ ...config, branches: [branch] }, terminus, logger);
await engine.open({ repair: false });
const abort = new AbortController();
process.once('SIGINT', () => abort.abort(new Error('interrupted')));
try {
  const result = await engine.reembed({ branch, force: values.force, author: `${process.env['USER'] || 'cli'}@embedding`, signal: abort.signal, onProgress: bar, ...(types === undefined ? {} : { types }) });
  await engine.close();
  terminus.close();
  done(result, 'local');
} catch (err) {
  await engine.close().catch(() => undefined);
  console.error(`\n${(err as Error).message}`);
  process.exit(1);
}
