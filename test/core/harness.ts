/**
 * A core subgraph over an in-process kernel with the demo seed, for the test/core suites. Every
 * request the kernel receives goes through a counting proxy (`requests`), so tests can assert how
 * many TerminusDB requests an operation made.
 */
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WOQLClient } from 'terminusdb';
import { startKernel, type RunningKernel } from '../../kernel/index.js';
import { IDENTITY_HEADER, signIdentity, Terminus } from '../../lib/index.js';
import { demoSeed, pushOntology, type SeedDocument } from '../../ontology/index.js';
import { createCoreSubgraph } from '../../subgraphs/core/index.js';

/** A GraphQL answer, asserted by tests rather than typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are asserted, not typed
export type Answer = { status: number; body: any };

export interface CoreHarness extends AsyncDisposable {
  readonly kernel: RunningKernel;
  /** A client of the test database (admin), for seeding and for writes "by another client". */
  readonly client: WOQLClient;
  readonly db: string;
  readonly terminus: Terminus;
  readonly seed: readonly SeedDocument[];
  /** Paths of every request the kernel received, in order. */
  readonly requests: string[];
  readonly identityKey: string;
  /** Runs an operation against the subgraph with a valid signed identity (unless `headers` says otherwise). */
  gql(query: string, variables?: Record<string, unknown>, options?: { headers?: Record<string, string>; method?: 'GET' | 'POST' }): Promise<Answer>;
  handler: (request: Request) => Promise<Response>;
  /** Head commit of a branch (document API data version). */
  head(branch?: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts a counting HTTP proxy in front of `target`. */
async function countingProxy(target: string, requests: string[]): Promise<{ url: string; server: Server }> {
  const t = new URL(target);
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const up = httpRequest({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Starts a kernel, creates a database with the ontology and `seed` (default: the demo seed), and the subgraph. */
export async function startCore(options: { seed?: readonly SeedDocument[]; headTtlMs?: number; cacheMb?: number } = {}): Promise<CoreHarness> {
  const kernel = await startKernel({ port: 0, onError: (e) => console.error(e) });
  const requests: string[] = [];
  const proxy = await countingProxy(kernel.url, requests);
  const db = `core_${randomBytes(4).toString('hex')}`;
  const client = new WOQLClient(kernel.url, { user: 'admin', organization: 'admin', key: 'root' });
  await client.createDatabase(db, { label: db, comment: '', schema: true });
  client.db(db);
  await pushOntology(client, { branch: 'main', message: 'ontology' });
  const seed = options.seed ?? demoSeed();
  await client.addDocument([...seed], {}, db, 'seed');
  const terminus = new Terminus({ url: proxy.url, user: 'admin', key: 'root', organization: 'admin', db });
  const identityKey = randomBytes(16).toString('hex');
  const handler = createCoreSubgraph({ terminus, identityKey, headTtlMs: options.headTtlMs ?? 0, ...(options.cacheMb === undefined ? {} : { cacheMb: options.cacheMb }) });
  const close = async (): Promise<void> => {
    await new Promise<void>((resolve) => {
      proxy.server.close(() => resolve());
      proxy.server.closeAllConnections();
    });
    await kernel.close();
  };
  return {
    kernel,
    client,
    db,
    terminus,
    seed,
    requests,
    identityKey,
    handler,
    async gql(query, variables, opts = {}) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        [IDENTITY_HEADER]: signIdentity({ sub: 'tester', scopes: ['pii:read'], traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }, identityKey),
        ...opts.headers,
      };
      const method = opts.method ?? 'POST';
      const url = method === 'GET' ? `http://core/graphql?${new URLSearchParams({ query, ...(variables === undefined ? {} : { variables: JSON.stringify(variables) }) })}` : 'http://core/graphql';
      const res = await handler(new Request(url, { method, headers, ...(method === 'POST' ? { body: JSON.stringify({ query, variables }) } : {}) }));
      return { status: res.status, body: await res.json() };
    },
    async head(branch = 'main') {
      const c = new WOQLClient(kernel.url, { user: 'admin', organization: 'admin', key: 'root', db });
      const r = (await c.dispatch('GET', `${kernel.url}/api/log/admin/${db}/local/branch/${branch.replaceAll('/', '~')}?count=1`, {}, false)) as { identifier: string }[];
      return r[0]?.identifier ?? '';
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
