/**
 * The whole event path for subscription tests: nats-server (JetStream), an in-process kernel with the
 * demo seed, the core and audit subgraphs (the audit relay publishing commits), and a router with its
 * own bus connection serving graphql-ws on `/graphql`.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { createEventBus, serve, type EventBus, type Served } from '../../lib/index.js';
import { SDL_PATH } from '../../ontology/index.js';
import { composeSupergraph, createRouter, mintDevToken, type Router, type RouterOptions } from '../../router/index.js';
import { AUDIT_SDL, CommitRelay, createAuditSubgraph } from '../../subgraphs/audit/index.js';
import { createCoreSubgraph } from '../../subgraphs/core/index.js';
import { startAuditDb, type AuditHarness } from '../audit/harness.js';
import { startNatsServer, type NatsServer } from '../events/natsServer.js';

export const SECRET = randomBytes(24).toString('hex');
const IDENTITY_KEY = randomBytes(24).toString('hex');

/** A token for the router. */
export function token(sub = 'alice', scopes: readonly string[] = ['read'], expiresInSec?: number): Promise<string> {
  return mintDevToken({ secret: SECRET, sub, scopes, ...(expiresInSec !== undefined ? { expiresInSec } : {}) });
}

export interface Stack extends AsyncDisposable {
  readonly nats: NatsServer;
  readonly db: AuditHarness;
  readonly relay: CommitRelay;
  readonly sdl: string;
  router: Router;
  routerServed: Served;
  /** `ws://…/graphql` of the current router. */
  wsUrl(): string;
  /** Stops the router and starts a new one (same bus, same port is not kept). */
  restartRouter(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(routerOptions: RouterOptions = {}): Promise<Stack> {
  const nats = await startNatsServer();
  const db = await startAuditDb();
  const relayBus = await createEventBus({ kind: 'nats', url: nats.url });
  const relay = new CommitRelay({ terminus: db.terminus, bus: relayBus, pollMs: 50 });
  await relay.runOnce();
  relay.start();
  const core = await serve(createCoreSubgraph({ terminus: db.terminus, identityKey: IDENTITY_KEY, headTtlMs: 0 }), { port: 0, drainMs: 200 });
  const audit = await serve(createAuditSubgraph({ terminus: db.terminus, identityKey: IDENTITY_KEY, bus: relayBus, relay }), { port: 0, drainMs: 200 });
  const composed = composeSupergraph([
    { name: 'core', url: `${core.url}/graphql`, sdl: readFileSync(SDL_PATH, 'utf8') },
    { name: 'audit', url: `${audit.url}/graphql`, sdl: AUDIT_SDL },
  ]);
  if (!composed.ok) throw new Error(composed.problems.map((p) => p.message).join('\n'));
  const sdl = composed.supergraphSdl;
  const routerBus: EventBus = await createEventBus({ kind: 'nats', url: nats.url });
  const start = async (): Promise<{ router: Router; served: Served }> => {
    const router = await createRouter(
      {
        ...routerOptions,
        supergraph: { sdl, watchIntervalMs: 0, pollSubgraphsMs: 0 },
        auth: { secret: SECRET, clockToleranceSec: 0 },
        identityKey: IDENTITY_KEY,
        checkSubgraphsReady: false,
        subscriptions: { db: db.db, ...routerOptions.subscriptions },
      },
      { bus: routerBus },
    );
    const served = await serve(router.handler, { port: 0, drainMs: 200 });
    served.server.on('upgrade', (req, socket, head) => router.upgrade(req, socket, head));
    return { router, served };
  };
  let current = await start();
  const stopRouter = async (): Promise<void> => {
    await current.router.close();
    await current.served.close();
  };
  const close = async (): Promise<void> => {
    await stopRouter().catch(() => undefined);
    await relay.stop();
    await Promise.all([core.close(), audit.close()]);
    await Promise.all([routerBus.close(), relayBus.close()]);
    await db.close();
    await nats.close();
  };
  const stack: Stack = {
    nats,
    db,
    relay,
    sdl,
    router: current.router,
    routerServed: current.served,
    wsUrl: () => `${current.served.url.replace(/^http/, 'ws')}/graphql`,
    async restartRouter() {
      await stopRouter();
      current = await start();
      stack.router = current.router;
      stack.routerServed = current.served;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
  return stack;
}

/** What a test subscriber saw. */
export interface Subscriber {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are asserted, not typed
  readonly events: any[];
  readonly errors: unknown[];
  /** The close code of the socket, once closed. */
  closeCode: number | undefined;
  completed: boolean;
  readonly client: Client;
  /** Stops the subscription and the client. */
  dispose(): Promise<void>;
}

/** Subscribes through the router with graphql-ws (`ws` as the WebSocket). */
export function subscribe(url: string, authorization: string | undefined, query: string, variables: Record<string, unknown> = {}): Subscriber {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    ...(authorization !== undefined ? { connectionParams: { authorization } } : {}),
    on: {
      closed: (e) => {
        sub.closeCode = (e as { code?: number }).code;
      },
    },
  });
  const sub: Subscriber = {
    events: [],
    errors: [],
    closeCode: undefined,
    completed: false,
    client,
    async dispose() {
      stop();
      await client.dispose();
    },
  };
  const stop = client.subscribe(
    { query, variables },
    {
      next: (v) => sub.events.push(v),
      error: (e) => sub.errors.push(e),
      complete: () => (sub.completed = true),
    },
  );
  return sub;
}

/** Subscribers opened by one test file on the current stack: open, wait until n are live, close all. */
export function subscribers(stack: () => Stack, query: string) {
  const open: Subscriber[] = [];
  return {
    sub(auth: string | undefined, variables: Record<string, unknown> = {}, q = query): Subscriber {
      const one = subscribe(stack().wsUrl(), auth, q, variables);
      open.push(one);
      return one;
    },
    async live(n: number): Promise<void> {
      await expect.poll(() => stack().router.subscriptions().live, { timeout: 10_000 }).toBe(n);
    },
    /** Stops tracking the subscribers opened so far (their router is gone). */
    forget(): void {
      open.splice(0);
    },
    async closeAll(): Promise<void> {
      await Promise.all(open.splice(0).map((o) => o.dispose()));
      await expect.poll(() => stack().router.subscriptions().active, { timeout: 5_000 }).toBe(0);
    },
  };
}
