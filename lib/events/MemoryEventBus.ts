import type { BusMessage, Delivery, EventBus, PublishAck, ReplayPage, SubscribeOptions, Subscription } from './EventBus.js';
import { MemoryBroker, type MemoryConsumerState } from './MemoryBroker.js';
import { DEFAULT_STREAMS, streamOf, subjectMatches, type StreamSpec } from './streams.js';

/** Options of the in-memory bus. */
export interface MemoryEventBusOptions {
  /** The broker to connect to (default: a new one). Share it to "restart" a subscriber in-process. */
  readonly broker?: MemoryBroker;
  /** Streams to create (default `COMMITS` and `RELAY`). */
  readonly streams?: readonly StreamSpec[];
}

const DURABLE_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * The event bus for single-process runs and tests: the same semantics as the NATS JetStream bus
 * (sequences, de-duplication window, retention, durable consumers with explicit ack, redelivery on
 * nak or ack timeout, gap signal), nothing survives the process.
 */
export class MemoryEventBus implements EventBus {
  readonly kind = 'memory';
  readonly broker: MemoryBroker;
  readonly #streams: readonly StreamSpec[];
  readonly #subscriptions = new Set<Subscription>();
  #closed = false;

  constructor(options: MemoryEventBusOptions = {}) {
    this.broker = options.broker ?? new MemoryBroker();
    this.#streams = options.streams ?? DEFAULT_STREAMS;
    for (const spec of this.#streams) this.broker.ensureStream(spec);
  }

  #open(): void {
    if (this.#closed) throw new Error('event bus is closed');
  }

  async publish<T>(subject: string, data: T, options: { readonly msgId: string }): Promise<PublishAck> {
    this.#open();
    if (/[*>\s]/.test(subject)) throw new Error(`Cannot publish to a wildcard subject '${subject}'`);
    const spec = streamOf(this.#streams, subject);
    const { seq, duplicate } = this.broker.store(spec.name, subject, options.msgId, data);
    return { stream: spec.name, seq, duplicate };
  }

  async replay<T>(options: { readonly subject: string; readonly after: number; readonly limit?: number }): Promise<ReplayPage<T>> {
    this.#open();
    const spec = streamOf(this.#streams, options.subject);
    const gap = this.broker.gapAfter(spec.name, options.after);
    const messages: BusMessage<T>[] = [];
    let from = options.after + 1;
    while (messages.length < (options.limit ?? 100)) {
      const m = this.broker.next(spec.name, options.subject, from);
      if (m === undefined) break;
      messages.push(m as BusMessage<T>);
      from = m.seq + 1;
    }
    return { ...(gap === undefined ? {} : { gap }), messages, cursor: messages.at(-1)?.seq ?? options.after };
  }

  async last<T>(subject: string): Promise<BusMessage<T> | undefined> {
    this.#open();
    return this.broker.last(streamOf(this.#streams, subject).name, subject) as BusMessage<T> | undefined;
  }

  async deleteConsumer(subject: string, durable: string): Promise<void> {
    this.broker.deleteConsumer(`${streamOf(this.#streams, subject).name}/${durable}`);
  }

  async ready(): Promise<boolean> {
    return !this.#closed;
  }

  async subscribe<T>(options: SubscribeOptions, handler: (delivery: Delivery<T>) => void | Promise<void>): Promise<Subscription> {
    this.#open();
    const spec = streamOf(this.#streams, options.subject);
    const start = options.start ?? { kind: 'new' };
    const startSeq = start.kind === 'first' ? 1 : start.kind === 'after' ? start.seq + 1 : this.broker.lastSeq(spec.name) + 1;
    const init = (): MemoryConsumerState => ({ stream: spec.name, filter: options.subject, nextSeq: startSeq, pending: new Map(), redeliver: new Map() });
    let state: MemoryConsumerState;
    let created = true;
    if (options.durable !== undefined) {
      if (!DURABLE_NAME.test(options.durable)) throw new Error(`Invalid durable name '${options.durable}'`);
      ({ state, created } = this.broker.consumer(`${spec.name}/${options.durable}`, init));
    } else state = init();
    if (created && start.kind === 'after') {
      const gap = this.broker.gapAfter(spec.name, start.seq);
      if (gap !== undefined) options.onGap?.(gap);
    }
    const durable = options.durable !== undefined;
    const ackWaitMs = options.ackWaitMs ?? 30_000;
    const maxAckPending = Math.max(1, options.maxAckPending ?? 1);
    let active = true;
    let wake: (() => void) | undefined;
    const poke = (): void => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, fn: () => void): void => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
    };
    const unlisten = this.broker.onStore(poke);

    const pick = (): BusMessage | undefined => {
      const now = Date.now();
      const due = [...state.redeliver].filter(([, at]) => at <= now).sort((a, b) => a[0] - b[0])[0];
      if (due !== undefined) {
        state.redeliver.delete(due[0]);
        const m = this.broker.get(state.stream, due[0]);
        if (m === undefined) state.pending.delete(due[0]);
        return m ?? pick();
      }
      if (durable && state.pending.size >= maxAckPending) return undefined;
      const m = this.broker.next(state.stream, state.filter, state.nextSeq);
      if (m !== undefined) state.nextSeq = m.seq + 1;
      return m;
    };
    const deliveryOf = (m: BusMessage): Delivery<T> => {
      if (!durable) return { ...(m as BusMessage<T>), deliveryCount: 1, ack: async () => {}, nak: () => {}, working: () => {} };
      const count = (state.pending.get(m.seq) ?? 0) + 1;
      state.pending.set(m.seq, count);
      let settled = false;
      const redeliverAt = (ms: number): void => {
        if (!state.pending.has(m.seq)) return;
        state.redeliver.set(m.seq, Date.now() + ms);
        later(ms, poke);
        poke();
      };
      // Each `working()` starts the ack timer again; only the newest timer may redeliver.
      let timerGeneration = 0;
      const armAckTimer = (): void => {
        const generation = ++timerGeneration;
        later(ackWaitMs, () => {
          if (!settled && generation === timerGeneration && state.pending.get(m.seq) === count) redeliverAt(0);
        });
      };
      armAckTimer();
      return {
        ...(m as BusMessage<T>),
        deliveryCount: count,
        ack: async () => {
          if (settled) return;
          settled = true;
          state.pending.delete(m.seq);
          state.redeliver.delete(m.seq);
          poke();
        },
        nak: (delayMs = 0) => {
          if (settled) return;
          settled = true;
          redeliverAt(delayMs);
        },
        working: () => {
          if (!settled) armAckTimer();
        },
      };
    };
    const pump = async (): Promise<void> => {
      while (active) {
        const m = pick();
        if (m === undefined || !subjectMatches(state.filter, m.subject)) {
          if (m === undefined) {
            // A timer can fire a little before `Date.now()` reaches its due time (libuv caches the
            // loop's clock), so the wait ends no later than the earliest pending redelivery.
            let earliest = Number.POSITIVE_INFINITY;
            for (const at of state.redeliver.values()) earliest = Math.min(earliest, at);
            await new Promise<void>((resolve) => {
              wake = resolve;
              if (earliest !== Number.POSITIVE_INFINITY) later(Math.max(1, earliest - Date.now() + 1), poke);
            });
          }
          continue;
        }
        const delivery = deliveryOf(m);
        try {
          await handler(delivery);
        } catch {
          delivery.nak();
        }
      }
    };
    const done = pump();
    const subscription: Subscription = {
      close: async () => {
        if (!active) return;
        active = false;
        unlisten();
        for (const t of timers) clearTimeout(t);
        poke();
        await done;
        // Unacknowledged deliveries of a closed subscriber are due again for the next one.
        for (const seq of state.pending.keys()) state.redeliver.set(seq, 0);
        this.#subscriptions.delete(subscription);
      },
      [Symbol.asyncDispose]: () => subscription.close(),
    };
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    this.#closed = true;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
