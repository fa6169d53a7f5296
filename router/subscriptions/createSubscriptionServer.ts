import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { getArgumentValues } from 'graphql/execution/values.js';
import { GraphQLError, Kind, type ExecutionArgs, type ExecutionResult, type GraphQLField } from 'graphql/index.js';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { subjectToken, supergraphError, type EventBus } from '../../lib/index.js';
import { authorizeOperation, type AuthorizedOperation } from '../auth/authorizeOperation.js';
import { LruCache } from '../execution/LruCache.js';
import type { SchemaGeneration } from '../schema/SchemaGeneration.js';
import type { Caller } from '../auth/verifyToken.js';
import { isErrorList, prepareDocument, type PreparedOperation } from '../execution/prepareDocument.js';
import type { RouterRuntime } from '../execution/RouterRuntime.js';
import { EventHub } from './EventHub.js';
import { FrameOutbox } from './FrameOutbox.js';
import { documentTypes, EventOutcomes, type SharedExecution } from './EventOutcomes.js';
import { readEventStreams } from './eventStreams.js';
import type { EventExecution } from './resolveEvent.js';
import { forbidden, subscriberStream, type StreamContext, type Subscribed } from './subscriberStream.js';

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

const connections = new WeakMap<object, ConnectionState>();

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

  const streams: StreamContext = {
    rt,
    hub,
    outbox,
    outcomes,
    executionFor,
    onLive: () => {
      live++;
      return () => void live--;
    },
  };
  const subscribe = (args: ExecutionArgs): AsyncIterableIterator<ExecutionResult> => subscriberStream(streams, args.contextValue as Subscribed);

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
