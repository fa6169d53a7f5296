import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { getArgumentValues } from 'graphql/execution/values.js';
import { GraphQLError, Kind, type ExecutionArgs, type ExecutionResult, type GraphQLField } from 'graphql/index.js';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { subjectToken, supergraphError, type BusMessage, type EventBus, type Gap } from '../../lib/index.js';
import { authorizeOperation, type AuthorizedOperation } from '../auth/authorizeOperation.js';
import { LruCache } from '../execution/LruCache.js';
import type { SchemaGeneration } from '../schema/SchemaGeneration.js';
import type { Caller } from '../auth/verifyToken.js';
import { isErrorList, prepareDocument, type PreparedOperation } from '../execution/prepareDocument.js';
import type { RouterRuntime } from '../execution/RouterRuntime.js';
import { EventHub } from './EventHub.js';
import { EventQueue } from './EventQueue.js';
import { FrameOutbox, nextPrefix, type FrameOwner } from './FrameOutbox.js';
import { documentTypes, EventOutcomes, type Outcome, type OutcomeSource, type SharedExecution } from './EventOutcomes.js';
import { readEventStreams, type EventStreamField } from './eventStreams.js';
import type { EventExecution } from './resolveEvent.js';

/** Close code for a missing, invalid or expired token (graphql-ws `Forbidden`). */
export const CLOSE_FORBIDDEN = 4403;

/** Events a slow subscriber may have waiting for lookups before it is ended with an error. */
const MAX_BACKLOG = 1_000;

/** Bytes a subscriber's socket may have unsent before it is ended with an error (slow consumer). */
const MAX_BUFFERED = 8 * 2 ** 20;

/** Subscription gauges and counters. */
export interface SubscriptionCounts {
  readonly active: number;
  readonly live: number;
  /** Event frames written, and the socket writes that carried them (fewer under load: coalesced). */
  readonly frames: number;
  readonly writes: number;
}

/** The WebSocket side of the router: graphql-ws on `/graphql`. */
export interface SubscriptionServer extends AsyncDisposable {
  readonly upgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Accepted subscriptions (all connections), those already receiving events (live), and event frames and socket writes so far. */
  counts(): SubscriptionCounts;
  close(): Promise<void>;
}

interface ConnectionState {
  authorization: string | null;
  subscriptions: number;
}

interface Extra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

/** The subscription's execution state (graphql-ws `contextValue`). */
interface Subscribed extends OutcomeSource {
  /** The graphql-ws subscription id (frames are written with it). */
  readonly id: string;
  readonly stream: EventStreamField;
  readonly subject: string;
  readonly after: number | undefined;
  readonly args: Readonly<Record<string, unknown>>;
  readonly prepared: PreparedOperation;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly caller: Caller;
  readonly token: string;
  readonly socket: WebSocket;
  readonly release: () => void;
}

const connections = new WeakMap<object, ConnectionState>();

function forbidden(socket: WebSocket, reason: string): void {
  if (socket.readyState === socket.OPEN) socket.close(CLOSE_FORBIDDEN, `Forbidden: ${reason}`.slice(0, 120));
}

function authorizationOf(params: Readonly<Record<string, unknown>> | undefined, request: IncomingMessage): string | null {
  const v = params?.['Authorization'] ?? params?.['authorization'];
  if (typeof v === 'string') return v;
  const header = request.headers.authorization;
  return typeof header === 'string' ? header : null;
}

function expired(caller: Caller, now: number): boolean {
  const exp = caller.claims.exp;
  return typeof exp === 'number' && exp * 1000 <= now;
}

/**
 * graphql-ws (`graphql-transport-ws`) on a `ws` server in noServer mode. The token (connection_init
 * payload `Authorization`/`authorization`, else the upgrade request's header) is verified at every
 * subscribe with the HTTP verifier; a bad or expired token closes the socket with 4403. Subscription
 * fields must carry `@eventStream`; events come from the bus through one {@link EventHub}.
 */
export function createSubscriptionServer(rt: RouterRuntime, bus: EventBus): SubscriptionServer {
  const config = rt.config.subscriptions;
  const hub = new EventHub(bus, rt.logger);
  const outcomes = new EventOutcomes(rt, rt.logger);
  const perToken = new Map<string, number>();
  let active = 0;
  let live = 0;
  const wss = new WebSocketServer({ noServer: true, maxPayload: rt.config.limits.maxBodyBytes, perMessageDeflate: false }); // no deflate: frames are written whole (FrameOutbox)
  const outbox = new FrameOutbox(MAX_BUFFERED);

  const fail = (message: string, code: Parameters<typeof supergraphError>[0] = 'BAD_REQUEST', ext: Record<string, unknown> = {}): GraphQLError[] => [supergraphError(code, message, ext)];

  const onSubscribe: NonNullable<ServerOptions<Record<string, unknown>, Extra>['onSubscribe']> = async (ctx, id, payload) => {
    const state = connections.get(ctx) ?? { authorization: null, subscriptions: 0 };
    connections.set(ctx, state);
    const socket = ctx.extra.socket;
    let caller: Caller;
    try {
      caller = await rt.verify(state.authorization);
    } catch (err) {
      forbidden(socket, err instanceof Error ? err.message : 'token rejected');
      return [err instanceof GraphQLError ? err : supergraphError('UNAUTHENTICATED', 'token rejected')];
    }
    if (expired(caller, Date.now())) {
      forbidden(socket, 'token expired');
      return fail('token expired', 'UNAUTHENTICATED');
    }
    const generation = rt.schema.current;
    if (generation === undefined) return fail('the router has no schema loaded yet', 'SUBGRAPH_UNAVAILABLE');
    const op = prepared(generation, payload.query, payload.operationName ?? undefined);
    if (isErrorList(op)) return [...op];
    if (op.operationType !== 'subscription') return fail(`${op.operationType}s are served over HTTP: POST /graphql`);
    const roots = op.operation.selectionSet.selections;
    const root = roots[0];
    if (roots.length !== 1 || root?.kind !== Kind.FIELD) return fail('a subscription selects exactly one root field (no fragments at the root)');
    const stream = readEventStreams(generation.sdl, generation.id).get(root.name.value);
    if (stream === undefined) return fail(`Subscription.${root.name.value} has no @eventStream: the router cannot serve it`);
    const variables = payload.variables ?? {};
    for (const plugin of rt.plugins) {
      const out = plugin.onOperation?.({ prepared: op, variables, caller, clientName: undefined });
      if (Array.isArray(out) && out.length > 0) return [...(out as readonly GraphQLError[])];
    }
    const def = generation.schema.getSubscriptionType()?.getFields()[root.name.value];
    if (def === undefined) return fail(`unknown subscription field ${root.name.value}`);
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(def as GraphQLField<unknown, unknown>, root, variables);
    } catch (err) {
      return fail((err as Error).message, 'BAD_USER_INPUT');
    }
    if (stream.each !== undefined && typeof args['type'] === 'string') {
      const known = documentTypes(generation.schema, def as GraphQLField<unknown, unknown>);
      if (known.size > 0 && !known.has(args['type'])) {
        return fail(`unknown document type "${args['type']}" for ${stream.field}`, 'BAD_USER_INPUT', { argument: 'type', reason: 'UNKNOWN_TYPE', knownTypes: [...known].sort() });
      }
    }
    const afterArg = args['after'];
    if (afterArg !== undefined && afterArg !== null && (typeof afterArg !== 'string' || !/^\d{1,15}$/.test(afterArg))) return fail('after must be the cursor of an event (a decimal stream sequence)', 'INVALID_CURSOR');
    const after = typeof afterArg === 'string' ? Number(afterArg) : undefined;
    let subject: string;
    try {
      subject = stream.subject.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const v = name === 'db' ? config.db : args[name];
        if (typeof v !== 'string' || v === '') throw new Error(`argument "${name}" of the subject ${stream.subject} is missing`);
        return subjectToken(v);
      });
    } catch (err) {
      return fail((err as Error).message, 'BAD_USER_INPUT');
    }
    const { auth } = authorized(generation, op, caller);
    if (auth.empty || (auth.removed.length > 0 && rt.config.authorization.mode === 'reject')) {
      return auth.removed.map((r) => supergraphError('UNAUTHORIZED_FIELD_OR_TYPE', `Unauthorized field or type: ${r.coordinate}`, { coordinate: r.coordinate }));
    }
    const token = state.authorization ?? '';
    if (state.subscriptions >= config.maxPerConnection) return fail(`at most ${config.maxPerConnection} subscriptions per connection`, 'FORBIDDEN', { limit: 'maxPerConnection' });
    if ((perToken.get(token) ?? 0) >= config.maxPerToken) return fail(`at most ${config.maxPerToken} subscriptions per token`, 'FORBIDDEN', { limit: 'maxPerToken' });
    state.subscriptions++;
    perToken.set(token, (perToken.get(token) ?? 0) + 1);
    active++;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      state.subscriptions--;
      active--;
      const n = (perToken.get(token) ?? 1) - 1;
      if (n <= 0) perToken.delete(token);
      else perToken.set(token, n);
    };
    const subscribed: Subscribed = { id, stream, subject, after, args, prepared: op, variables, caller, token, socket, release };
    return { schema: generation.schema, document: op.document, variableValues: variables, contextValue: subscribed, ...(op.operationName !== undefined ? { operationName: op.operationName } : {}) };
  };

  /** Prepared documents from the router's document cache (shared with HTTP). */
  const prepared = (generation: SchemaGeneration, query: string, operationName: string | undefined): PreparedOperation | readonly GraphQLError[] => {
    const key = `${generation.id}\u0000${operationName ?? ''}\u0000${query}`;
    let entry = rt.documents.get(key);
    if (entry === undefined) {
      entry = prepareDocument(generation, query, operationName, { introspection: rt.config.introspection, branchPolicy: rt.config.branchPolicy });
      rt.documents.set(key, entry);
    }
    return entry;
  };

  /** Authorization of a prepared subscription for a set of rights (the same for every subscriber with them). */
  const authorizations = new LruCache<string, { auth: AuthorizedOperation; denied: readonly GraphQLError[] }>(1_000);
  const authorized = (generation: SchemaGeneration, op: PreparedOperation, caller: Caller): { auth: AuthorizedOperation; denied: readonly GraphQLError[] } => {
    const key = `${generation.id}\u0000${op.operationName ?? ''}\u0000${op.query}\u0000${String(caller.authenticated)}\u0000${[...caller.scopes].sort().join(' ')}`;
    let hit = authorizations.get(key);
    if (hit === undefined) {
      const auth = authorizeOperation(generation.schema, op.operation, op.fragments, generation.authDirectives, { authenticated: caller.authenticated, scopes: caller.scopes });
      hit = { auth, denied: auth.removed.map((r) => supergraphError('UNAUTHORIZED_FIELD_OR_TYPE', `Unauthorized field or type: ${r.coordinate}`, { coordinate: r.coordinate })) };
      authorizations.set(key, hit);
    }
    return hit;
  };

  /** The per-generation execution of a subscriber (re-validated and re-authorised after a hot reload). */
  const executionFor = (s: Subscribed): SharedExecution | readonly GraphQLError[] => {
    const generation = rt.schema.current ?? s.prepared.generation;
    let op = s.prepared;
    if (generation !== op.generation) {
      const again = prepared(generation, op.query, op.operationName);
      if (isErrorList(again)) return again;
      op = again;
    }
    const { auth, denied } = authorized(generation, op, s.caller);
    if (auth.empty || (denied.length > 0 && rt.config.authorization.mode === 'reject')) return denied;
    const x: EventExecution = {
      schema: generation.schema,
      schemaId: generation.id,
      document: auth.document,
      operationName: op.operationName,
      variables: s.variables,
      field: s.stream.field,
      lookup: s.stream.lookup,
      caller: s.caller,
      denied,
      removed: auth.removed,
    };
    return outcomes.shared(x, op.query);
  };

  /**
   * Events reach the socket without graphql-ws's per-message machinery: the outcome of an event is
   * shared by the subscribers of the same group ({@link EventOutcomes}) and its frame queued in the
   * {@link FrameOutbox}, which writes it straight to the WebSocket (`{"id":…,"type":"next","payload":…}`, the payload serialized once). The returned
   * iterator only carries a final error (graphql-ws then sends `next` with it and `complete`).
   */
  const subscribe = (args: ExecutionArgs): AsyncIterableIterator<ExecutionResult> => {
    const s = args.contextValue as Subscribed;
    let stop: (() => void) | undefined;
    let ended = false; // queue.ended, kept here for the per-event path
    const queue = new EventQueue<ExecutionResult>(() => {
      ended = true;
      clearTimeout(expiry);
      stop?.();
      s.release();
    });
    const prefix = nextPrefix(s.id);
    /** Outcomes waiting for an earlier one still being computed (lookups), oldest first. */
    const waiting: (Outcome | Promise<Outcome>)[] = [];
    let awaiting = false;
    /** Applies waiting outcomes in order; a pending head is awaited (one callback, not a chain per event). */
    const drain = (): void => {
      while (waiting.length > 0) {
        const head = waiting[0] as Outcome | Promise<Outcome>;
        if (head instanceof Promise) {
          if (awaiting) return;
          awaiting = true;
          head.then(
            (done) => {
              awaiting = false;
              if (waiting[0] === head) waiting[0] = done;
              drain();
            },
            (err: unknown) => {
              awaiting = false;
              rt.logger.error({ err, subject: s.subject }, 'subscription event failed');
              if (waiting[0] === head) waiting[0] = { kind: 'end', errors: fail('the event could not be resolved', 'INTERNAL_SERVER_ERROR') };
              drain();
            },
          );
          return;
        }
        waiting.shift();
        apply(head);
      }
    };
    let gap: Gap | undefined;
    let cached: { id: string; x: SharedExecution | readonly GraphQLError[] } | undefined;
    /** The group's outcomes under `cached` (undefined when that generation ends the subscription). */
    let bySeq: ReadonlyMap<number, Outcome | Promise<Outcome>> | undefined;
    const cache = (id: string, x: SharedExecution | readonly GraphQLError[]): void => {
      cached = { id, x };
      bySeq = Array.isArray(x) ? undefined : (x as SharedExecution).group.bySeq;
    };
    const endWith = (errors: readonly GraphQLError[]): void => {
      outbox.flush(s.socket); // events before the error reach the client before it
      queue.push({ errors });
      queue.end();
    };
    const slow = (): void => endWith(fail('the subscriber fell too far behind; resume with the last cursor', 'BAD_REQUEST', { reason: 'SLOW_CONSUMER' }));
    const owner: FrameOwner = {
      prefix,
      get ended() {
        return queue.ended;
      },
      slow,
    };
    const slot = outbox.slot(s.socket);
    const apply = (o: Outcome): void => {
      if (ended) return;
      if (o.kind === 'end') return endWith(o.errors);
      for (const payload of o.payloads) outbox.enqueue(slot, owner, payload);
    };
    // The token's expiry ends the subscription when it comes (events before it are written first).
    const exp = s.caller.claims.exp;
    let expiry: NodeJS.Timeout | undefined;
    const armExpiry = (): void => {
      if (typeof exp !== 'number') return;
      const wait = exp * 1000 - Date.now();
      expiry = setTimeout(
        () => {
          if (queue.ended) return;
          if (exp * 1000 > Date.now()) return armExpiry(); // a wait longer than a timer allows
          outbox.flush(s.socket);
          forbidden(s.socket, 'token expired');
          queue.end();
        },
        Math.min(Math.max(0, wait), 2 ** 31 - 1),
      );
      expiry.unref();
    };
    armExpiry();
    const outcomeOf = (message: BusMessage): Outcome | Promise<Outcome> => {
      const generationId = rt.schema.current?.id ?? '';
      if (cached?.id !== generationId) cache(generationId, executionFor(s));
      const x = (cached as { x: SharedExecution | readonly GraphQLError[] }).x;
      if (Array.isArray(x)) return { kind: 'end', errors: x as readonly GraphQLError[] };
      const missed = gap;
      gap = undefined;
      return outcomes.outcome(s, x as SharedExecution, message, missed);
    };
    const first = executionFor(s);
    if (Array.isArray(first)) {
      endWith(first as readonly GraphQLError[]);
      return queue;
    }
    cache((first as SharedExecution).x.schemaId, first);
    hub
      .listen(
        s.subject,
        s.after,
        (message) => {
          if (ended) return;
          // Every subscriber of a group but the first finds the event's outcome computed: the path
          // below touches only this closure, the group's map and the outbox slot (10,000 of these per event).
          if (waiting.length === 0 && gap === undefined && bySeq !== undefined && cached?.id === (rt.schema.current?.id ?? '')) {
            const done = bySeq.get(message.seq);
            if (done !== undefined && !(done instanceof Promise)) return apply(done);
          }
          const o = outcomeOf(message);
          if (waiting.length === 0 && !(o instanceof Promise)) return apply(o);
          if (waiting.length >= MAX_BACKLOG) return slow();
          waiting.push(o);
          drain();
        },
        (g) => (gap = g),
      )
      .then(
        (unsubscribe) => {
          if (queue.ended) return unsubscribe();
          live++;
          stop = () => {
            live--;
            unsubscribe();
          };
        },
        (err: unknown) => {
          rt.logger.error({ err, subject: s.subject }, 'cannot listen to the event bus');
          endWith(fail('the event bus is not available', 'SUBGRAPH_UNAVAILABLE'));
        },
      );
    return queue;
  };

  const options: ServerOptions<Record<string, unknown>, Extra> = {
    connectionInitWaitTimeout: config.connectionInitWaitMs,
    onConnect(ctx) {
      connections.set(ctx, { authorization: authorizationOf(ctx.connectionParams, ctx.extra.request), subscriptions: 0 });
      return true;
    },
    onSubscribe,
    subscribe,
    execute: () => ({ errors: fail('only subscriptions over WebSocket') }),
  };
  const disposable = useServer(options, wss, config.keepAliveMs);

  const close = async (): Promise<void> => {
    await Promise.resolve(disposable.dispose()).catch(() => undefined);
    outbox.close();
    await hub.close();
  };
  return {
    upgrade: (request, socket, head) => {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    counts: () => ({ active, live, frames: outbox.frames, writes: outbox.writes }),
    close,
    [Symbol.asyncDispose]: close,
  };
}
