import type { ExecutionResult, GraphQLError } from 'graphql/index.js';
import type { WebSocket } from 'ws';
import { supergraphError, type BusMessage, type Gap } from '../../lib/index.js';
import type { Caller } from '../auth/verifyToken.js';
import type { PreparedOperation } from '../execution/prepareDocument.js';
import type { RouterRuntime } from '../execution/RouterRuntime.js';
import type { EventHub } from './EventHub.js';
import { EventQueue } from './EventQueue.js';
import type { EventOutcomes, Outcome, OutcomeSource, SharedExecution } from './EventOutcomes.js';
import type { EventStreamField } from './eventStreams.js';
import { nextPrefix, type FrameOutbox, type FrameOwner } from './FrameOutbox.js';

/** Close code for a missing, invalid or expired token (graphql-ws `Forbidden`). */
export const CLOSE_FORBIDDEN = 4403;

/** Events a slow subscriber may have waiting for lookups before it is ended with an error. */
const MAX_BACKLOG = 1_000;

/** Closes the socket with 4403 (graphql-ws `Forbidden`) and the reason. */
export function forbidden(socket: WebSocket, reason: string): void {
  if (socket.readyState === socket.OPEN) socket.close(CLOSE_FORBIDDEN, `Forbidden: ${reason}`.slice(0, 120));
}

/** An accepted subscription (graphql-ws `contextValue`). */
export interface Subscribed extends OutcomeSource {
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
  /** Gives back the subscription's place in the per-connection and per-token limits. */
  readonly release: () => void;
}

/** What a subscriber's stream takes from the subscription server. */
export interface StreamContext {
  readonly rt: RouterRuntime;
  readonly hub: EventHub;
  readonly outbox: FrameOutbox;
  readonly outcomes: EventOutcomes;
  /** The subscriber's execution under the current schema generation, or the errors that end it. */
  readonly executionFor: (s: Subscribed) => SharedExecution | readonly GraphQLError[];
  /** Counts the subscriber as live (receiving events) until the returned function is called. */
  readonly onLive: () => () => void;
}

const fail = (message: string, code: Parameters<typeof supergraphError>[0], ext: Record<string, unknown> = {}): GraphQLError[] => [supergraphError(code, message, ext)];

/**
 * The event stream of one subscription (graphql-ws `subscribe`). Events reach the socket without
 * graphql-ws's per-message machinery: the outcome of an event is shared by the subscribers of the same
 * group ({@link EventOutcomes}) and its frame queued in the {@link FrameOutbox}, which writes it straight
 * to the WebSocket (`{"id":…,"type":"next","payload":…}`, the payload serialized once). Outcomes that
 * wait for lookups are applied in event order. The returned iterator only carries a final error
 * (graphql-ws then sends `next` with it and `complete`).
 */
export function subscriberStream(ctx: StreamContext, s: Subscribed): AsyncIterableIterator<ExecutionResult> {
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
            ctx.rt.logger.error({ err, subject: s.subject }, 'subscription event failed');
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
    ctx.outbox.flush(s.socket); // events before the error reach the client before it
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
  const slot = ctx.outbox.slot(s.socket);
  const apply = (o: Outcome): void => {
    if (ended) return;
    if (o.kind === 'end') return endWith(o.errors);
    for (const payload of o.payloads) ctx.outbox.enqueue(slot, owner, payload);
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
        ctx.outbox.flush(s.socket);
        forbidden(s.socket, 'token expired');
        queue.end();
      },
      Math.min(Math.max(0, wait), 2 ** 31 - 1),
    );
    expiry.unref();
  };
  armExpiry();
  const outcomeOf = (message: BusMessage): Outcome | Promise<Outcome> => {
    const generationId = ctx.rt.schema.current?.id ?? '';
    if (cached?.id !== generationId) cache(generationId, ctx.executionFor(s));
    const x = (cached as { x: SharedExecution | readonly GraphQLError[] }).x;
    if (Array.isArray(x)) return { kind: 'end', errors: x as readonly GraphQLError[] };
    const missed = gap;
    gap = undefined;
    return ctx.outcomes.outcome(s, x as SharedExecution, message, missed);
  };
  const first = ctx.executionFor(s);
  if (Array.isArray(first)) {
    endWith(first as readonly GraphQLError[]);
    return queue;
  }
  cache((first as SharedExecution).x.schemaId, first);
  ctx.hub
    .listen(
      s.subject,
      s.after,
      (message) => {
        if (ended) return;
        // Every subscriber of a group but the first finds the event's outcome computed: the path
        // below touches only this closure, the group's map and the outbox slot (10,000 of these per event).
        if (waiting.length === 0 && gap === undefined && bySeq !== undefined && cached?.id === (ctx.rt.schema.current?.id ?? '')) {
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
        const notLive = ctx.onLive();
        stop = () => {
          notLive();
          unsubscribe();
        };
      },
      (err: unknown) => {
        ctx.rt.logger.error({ err, subject: s.subject }, 'cannot listen to the event bus');
        endWith(fail('the event bus is not available', 'SUBGRAPH_UNAVAILABLE'));
      },
    );
  return queue;
}
