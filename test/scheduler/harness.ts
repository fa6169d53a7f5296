/**
 * Scheduler test harness: a kernel with a fresh database (ontology pushed), a scheduler engine and
 * its GraphQL handler in-process (or as child processes), local HTTP servers for webhook and
 * embedding targets.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { WOQLClient } from 'terminusdb';
import { startKernel, type RunningKernel } from '../../kernel/index.js';
import {
  createLogger, createMetrics, DEAD_LETTER_STREAM, DEFAULT_STREAMS, IDENTITY_HEADER, MemoryEventBus, NatsEventBus, SCHEDULER_WORK_STREAM, signIdentity, Terminus, type EventBus,
} from '../../lib/index.js';
import { pushOntology } from '../../ontology/index.js';
import { createSchedulerSubgraph, Scheduler, SchedulerStore, systemClock, type Clock, type Job, type Run, type SchedulerOptions } from '../../subgraphs/scheduler/index.js';

export const SCHEDULER_STREAMS = [...DEFAULT_STREAMS, SCHEDULER_WORK_STREAM, DEAD_LETTER_STREAM];

export interface Db extends AsyncDisposable {
  readonly kernel: RunningKernel;
  readonly url: string;
  readonly db: string;
  readonly terminus: Terminus;
  /** An admin client of the database, on `branch` (TerminusDB name). */
  client(branch?: string): WOQLClient;
  /** The newest commits of a branch (TerminusDB name), newest first. */
  log(branch: string, count?: number): Promise<{ identifier: string; author: string; message: string }[]>;
  close(): Promise<void>;
}

/** An in-process kernel with a fresh database holding the ontology (no seed). */
export async function startDb(): Promise<Db> {
  const kernel = await startKernel({ port: 0, onError: (e) => console.error(e) });
  const db = `sched_${randomBytes(4).toString('hex')}`;
  const admin = new WOQLClient(kernel.url, { user: 'admin', organization: 'admin', key: 'root' });
  await admin.createDatabase(db, { label: db, comment: '', schema: true });
  admin.db(db);
  await pushOntology(admin, { branch: 'main', message: 'ontology' });
  const terminus = new Terminus({ url: kernel.url, user: 'admin', key: 'root', organization: 'admin', db });
  const close = async (): Promise<void> => {
    terminus.close();
    await kernel.close();
  };
  return {
    kernel,
    url: kernel.url,
    db,
    terminus,
    client: (branch = 'main') => terminus.client({ author: 'tester@test', branch }),
    log: async (branch, count = 10) =>
      (await terminus.client().sendCustomRequest('GET', `${kernel.url}/api/log/admin/${db}/local/branch/${branch}?count=${count}`)) as { identifier: string; author: string; message: string }[],
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A scheduler engine + GraphQL handler in this process. */
export interface InProcessScheduler extends AsyncDisposable {
  readonly scheduler: Scheduler;
  readonly store: SchedulerStore;
  readonly bus: EventBus;
  /** Runs whose attempts finished (every status written after an attempt). */
  readonly attempts: Run[];
  /** Sends a GraphQL request as `user` with `scopes` (signed identity). */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, user?: string, scopes?: readonly string[]): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  /** Any request to the subgraph's handler (`/readyz`, `/metrics`, unsigned `/graphql`…). */
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export const IDENTITY_KEY = 'scheduler-test-key';

/** Starts a scheduler on `db` with a bus (in-memory by default, or NATS at `natsUrl`). */
export async function startScheduler(
  db: Db,
  options: { natsUrl?: string; bus?: EventBus; clock?: Clock; snapshotDir?: string; embeddingUrl?: string; engine?: Partial<SchedulerOptions> } = {},
): Promise<InProcessScheduler> {
  const bus = options.bus ?? (options.natsUrl !== undefined ? await NatsEventBus.connect({ servers: options.natsUrl, streams: SCHEDULER_STREAMS }) : new MemoryEventBus({ streams: SCHEDULER_STREAMS }));
  const terminus = new Terminus(db.terminus.settings);
  const store = new SchedulerStore(terminus);
  const attempts: Run[] = [];
  const logger = createLogger('scheduler-test');
  const metrics = createMetrics('scheduler');
  const scheduler = new Scheduler({
    metrics,
    store,
    bus,
    logger,
    clock: options.clock ?? systemClock,
    kindDeps: { terminus, embeddingUrl: options.embeddingUrl ?? 'http://127.0.0.1:9', identityKey: IDENTITY_KEY, snapshotDir: options.snapshotDir ?? '/tmp/scheduler-test-snapshots' },
    ackWaitMs: 3_000,
    reloadMs: 60_000,
    onAttempt: (run) => void attempts.push(run),
    ...options.engine,
  });
  await scheduler.start();
  const handler = createSchedulerSubgraph({ store, scheduler, identityKey: IDENTITY_KEY, bus, logger, metrics });
  const close = async (): Promise<void> => {
    await scheduler.stop();
    if (options.bus === undefined) await bus.close();
    terminus.close();
  };
  return {
    scheduler,
    store,
    bus,
    attempts,
    async gql(query, variables = {}, user = 'alice', scopes = []) {
      const response = await handler(
        new Request('http://scheduler/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity({ sub: user, scopes: [...scopes] }, IDENTITY_KEY) },
          body: JSON.stringify({ query, variables }),
        }),
      );
      return (await response.json()) as never;
    },
    request: (path, init) => handler(new Request(`http://scheduler${path}`, init)),
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A local HTTP server answering with `handler`; records every request. */
export interface TestServer extends AsyncDisposable {
  readonly url: string;
  readonly requests: { headers: IncomingMessage['headers']; body: string; at: number }[];
  close(): Promise<void>;
}

export async function startServer(handler: (req: IncomingMessage, res: ServerResponse, body: string, index: number) => unknown): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const index = requests.push({ headers: req.headers, body, at: Date.now() }) - 1;
      void Promise.resolve(handler(req, res, body, index)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return { url: `http://127.0.0.1:${port}`, requests, close, [Symbol.asyncDispose]: close };
}

/** Polls `read` until `cond` holds on its value (or fails after `ms`). */
export async function eventually<T>(read: () => Promise<T>, cond: (v: T) => boolean, ms = 20_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  let last: T = await read();
  while (!cond(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

export const RUN_FIELDS = 'id jobId kind status trigger attempt maxAttempts error { code message } result progress { done total } attempts { attempt outcome delayMs startedAt finishedAt error { code message } }';

/** A `QUEUED` run as a replica writes it before publishing (tests insert such runs to play a crash between the two). */
export function queuedRun(job: Job, id: string, queuedAt: number, extra: Partial<Run> = {}): Run {
  const at = new Date(queuedAt).toISOString();
  return {
    id, jobId: job.id, kind: job.kind, status: 'QUEUED', trigger: 'CRON', commit: null, payload: job.payload, attempt: 0, maxAttempts: job.retry.maxAttempts, scheduledAt: at, queuedAt: at,
    startedAt: null, finishedAt: null, nextAttemptAt: null, progress: null, result: null, error: null, attempts: [], requestedBy: job.owner, scopes: job.ownerScopes, retryOf: null, claimSeq: null,
    ...extra,
  };
}
