import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../lib/index.js';
import type { RouterContext } from '../../execution/RouterContext.js';
import { createRouterMetrics } from '../../ops/routerMetrics.js';
import { SubgraphDataSource } from '../SubgraphDataSource.js';

/** A subgraph that answers every POST after `release()` with the number of requests it has seen. */
let server: Server;
let url = '';
let seen = 0;
let waiting: (() => void)[] = [];
const release = (): void => {
  for (const w of waiting) w();
  waiting = [];
};

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.once('end', () => {
      const n = ++seen;
      waiting.push(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { n } }));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function source(): SubgraphDataSource {
  return new SubgraphDataSource({
    name: 'sg',
    url,
    identityKey: 'k'.repeat(32),
    timeoutMs: 5_000,
    maxSockets: 8,
    dedup: true,
    breakerFailures: 5,
    breakerResetMs: 1_000,
    metrics: createRouterMetrics('dedup-test'),
    logger: createLogger('test', 'silent'),
  });
}

function context(fresh: boolean): RouterContext {
  return { caller: { sub: 'alice', scopes: new Set(['read']) }, trace: { traceId: '0'.repeat(32), parentId: '0'.repeat(16), flags: '01' }, fresh } as unknown as RouterContext;
}

async function twoConcurrent(fresh: boolean): Promise<unknown[]> {
  const ds = source();
  const call = (): Promise<unknown> =>
    ds.process({ request: { query: 'query Q { x }', variables: {} }, context: context(fresh), kind: 'incoming operation' } as never).then((r) => (r as { data?: unknown }).data);
  const before = seen;
  const pending = [call(), call()];
  while (seen - before < (fresh ? 2 : 1)) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50)); // a second fetch, if one were made, has arrived by now
  release();
  const results = await Promise.all(pending);
  expect(seen - before).toBe(fresh ? 2 : 1);
  return results;
}

describe('SubgraphDataSource in-flight deduplication', () => {
  it('shares an identical query fetch already in flight for the same caller', async () => {
    const [a, b] = await twoConcurrent(false);
    expect(a).toEqual(b);
  });

  it('never joins an in-flight fetch for a fresh operation (subscription event lookups)', async () => {
    const [a, b] = await twoConcurrent(true);
    expect(a).not.toEqual(b);
  });
});
