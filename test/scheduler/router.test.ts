/**
 * The scheduler behind the router: the SDL composes with the other subgraphs, mutations go through the
 * gateway, and `runUpdated` is served over graphql-ws from the `SCHEDULER` stream with the run looked up
 * through `run(id)`.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, serve, type EventBus, type Served } from '../../lib/index.js';
import { SDL_PATH } from '../../ontology/index.js';
import { composeSupergraph, createRouter, mintDevToken, type Router } from '../../router/index.js';
import { AUDIT_SDL } from '../../subgraphs/audit/index.js';
import { createSchedulerSubgraph, SCHEDULER_SDL } from '../../subgraphs/scheduler/index.js';
import { startNatsServer, type NatsServer } from '../events/natsServer.js';
import { subscribe, type Subscriber } from '../subscriptions/harness.js';
import { IDENTITY_KEY, startDb, startScheduler, startServer, type Db, type InProcessScheduler, type TestServer } from './harness.js';

const SECRET = randomBytes(24).toString('hex');

describe('scheduler subgraph behind the router', () => {
  it('composes with the core and audit subgraphs', () => {
    const composed = composeSupergraph([
      { name: 'core', url: 'http://127.0.0.1:4001/graphql', sdl: readFileSync(SDL_PATH, 'utf8') },
      { name: 'audit', url: 'http://127.0.0.1:4004/graphql', sdl: AUDIT_SDL },
      { name: 'scheduler', url: 'http://127.0.0.1:4003/graphql', sdl: SCHEDULER_SDL },
    ]);
    expect(composed.ok ? [] : composed.problems.map((p) => p.message)).toEqual([]);
    if (composed.ok) expect(composed.supergraphSdl).toContain('@eventStream(subject: "scheduler.{db}.runs.{job}", lookup: "run")');
  });

  describe('over HTTP and graphql-ws (kernel, nats-server)', () => {
    let nats: NatsServer;
    let db: Db;
    let s: InProcessScheduler;
    let served: Served;
    let router: Router;
    let routerServed: Served;
    let routerBus: EventBus;
    let hook: TestServer;
    let bearer: string;
    const open: Subscriber[] = [];

    beforeAll(async () => {
      nats = await startNatsServer();
      db = await startDb();
      s = await startScheduler(db, { natsUrl: nats.url });
      served = await serve(createSchedulerSubgraph({ store: s.store, scheduler: s.scheduler, identityKey: IDENTITY_KEY, bus: s.bus }), { port: 0, drainMs: 100 });
      const composed = composeSupergraph([{ name: 'scheduler', url: `${served.url}/graphql`, sdl: SCHEDULER_SDL }]);
      if (!composed.ok) throw new Error(composed.problems.map((p) => p.message).join('\n'));
      routerBus = await createEventBus({ kind: 'nats', url: nats.url });
      router = await createRouter(
        {
          supergraph: { sdl: composed.supergraphSdl, watchIntervalMs: 0, pollSubgraphsMs: 0 },
          auth: { secret: SECRET, clockToleranceSec: 0 },
          identityKey: IDENTITY_KEY,
          checkSubgraphsReady: false,
          subscriptions: { db: db.db },
        },
        { bus: routerBus },
      );
      routerServed = await serve(router.handler, { port: 0, drainMs: 100 });
      routerServed.server.on('upgrade', (req, socket, head) => router.upgrade(req, socket, head));
      hook = await startServer((_req, res, _body, index) => {
        res.statusCode = index === 0 ? 500 : 200;
        res.end();
      });
      bearer = `Bearer ${await mintDevToken({ secret: SECRET, sub: 'carol', scopes: ['read'] })}`;
    });
    afterAll(async () => {
      await Promise.all(open.map((o) => o.dispose()));
      await router?.close();
      await routerServed?.close();
      await served?.close();
      await routerBus?.close();
      await s?.close();
      await hook?.close();
      await db?.close();
      await nats?.close();
    });

    const post = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> => {
      const response = await fetch(`${routerServed.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: bearer }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as never;
    };

    it('streams a run from QUEUED through a retry to SUCCEEDED, with the run looked up through the gateway', async () => {
      const created = await post<{ createJob: { id: string; owner: string } }>(`mutation($p: JSON) { createJob(input: {name: "Via router", kind: WEBHOOK, payload: $p, retry: {maxAttempts: 3, initialDelayMs: 200, jitter: 0}}) { id owner } }`, { p: { url: hook.url } });
      expect(created.errors).toBeUndefined();
      expect(created.data!.createJob.owner).toBe('carol');
      const job = created.data!.createJob.id;
      const sub = subscribe(`${routerServed.url.replace(/^http/, 'ws')}/graphql`, bearer, `subscription($job: ID!) { runUpdated(job: $job) { cursor id status attempt run { id status trigger requestedBy job { name } } } }`, { job });
      open.push(sub);
      await expect.poll(() => router.subscriptions().live, { timeout: 10_000 }).toBe(1);
      const run = await post<{ runJobNow: { id: string } }>(`mutation($id: ID!) { runJobNow(id: $id) { id } }`, { id: job });
      expect(run.errors).toBeUndefined();
      const id = run.data!.runJobNow.id;
      await expect.poll(() => sub.events.map((e) => e.data?.runUpdated?.status).at(-1), { timeout: 15_000 }).toBe('SUCCEEDED');
      const updates = sub.events.map((e) => e.data.runUpdated);
      expect(updates.map((u) => `${u.status}:${u.attempt}`)).toEqual(['QUEUED:0', 'RUNNING:1', 'RETRYING:1', 'RUNNING:2', 'SUCCEEDED:2']);
      expect(updates.every((u) => u.id === id && /^\d+$/.test(u.cursor))).toBe(true);
      // `run` is looked up when the router handles the event (the run as it is then, never older than the
      // event — except that the router shares identical in-flight subgraph fetches, see the README).
      expect(updates.map((u) => u.run)).toEqual(updates.map(() => expect.objectContaining({ id, trigger: 'MANUAL', requestedBy: 'carol', job: { name: 'Via router' } })));
      expect(sub.events.every((e) => e.errors === undefined)).toBe(true);
      // Resume after the second event: the rest again, nothing before.
      const resumed = subscribe(`${routerServed.url.replace(/^http/, 'ws')}/graphql`, bearer, `subscription($job: ID!, $after: String) { runUpdated(job: $job, after: $after) { status attempt } }`, { job, after: updates[1].cursor });
      open.push(resumed);
      await expect.poll(() => resumed.events.length, { timeout: 10_000 }).toBe(3);
      expect(resumed.events.map((e) => `${e.data.runUpdated.status}:${e.data.runUpdated.attempt}`)).toEqual(['RETRYING:1', 'RUNNING:2', 'SUCCEEDED:2']);
      // A late subscriber resuming at the last event sees the finished run through the lookup.
      const late = subscribe(`${routerServed.url.replace(/^http/, 'ws')}/graphql`, bearer, `subscription($job: ID!, $after: String) { runUpdated(job: $job, after: $after) { status run { status result } } }`, { job, after: updates[3].cursor });
      open.push(late);
      await expect.poll(() => late.events.length, { timeout: 10_000 }).toBe(1);
      expect(late.events[0].data.runUpdated).toEqual({ status: 'SUCCEEDED', run: { status: 'SUCCEEDED', result: { status: 200, body: '' } } });
    });

    it('answers bad input through the gateway with the subgraph error code', async () => {
      const r = await post(`mutation { createJob(input: {name: "x", kind: BRANCH_GC, cron: "every tuesday"}) { id } }`);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CRON' });
    });
  });
});
