import { AckPolicy, connect, DeliverPolicy, JSONCodec, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import { retry } from '../resilience/index.js';
import type { BusMessage, Delivery, EventBus, Gap, PublishAck, ReplayPage, SubscribeOptions, Subscription } from './EventBus.js';
import { natsSubscribe } from './natsSubscription.js';
import { ensureStreams, isTransientNatsError } from './natsStreams.js';
import { DEFAULT_STREAMS, streamOf, type StreamSpec } from './streams.js';

/** Options of the NATS JetStream bus. */
export interface NatsEventBusOptions {
  /** Server URL(s), e.g. `nats://127.0.0.1:4222` (env `NATS_URL`). */
  readonly servers: string | readonly string[];
  /** Connection name shown by the server (default `terminus-supergraph`). */
  readonly name?: string;
  /** Streams to create or update at connect (default `COMMITS` and `RELAY`). */
  readonly streams?: readonly StreamSpec[];
  /** Stream replicas (default 1; 3 on a JetStream cluster). */
  readonly replicas?: number;
  /** How long one publish attempt waits for the server's confirmation (ms, default 5 000). */
  readonly publishTimeoutMs?: number;
  /** Publish attempts after the first on transient failures (default 5; safe thanks to the message id). */
  readonly publishRetries?: number;
  /** Called with failures that are retried in the background (consume loops). */
  readonly onError?: (err: unknown) => void;
}

const codec = JSONCodec();

/**
 * The event bus on NATS JetStream: one stream per subject space (file storage, limits retention,
 * `Nats-Msg-Id` de-duplication window), durable pull consumers with explicit ack, ordered consumers
 * for ephemeral subscriptions. Reconnects forever when the server restarts; subscriptions resume.
 */
export class NatsEventBus implements EventBus {
  readonly kind = 'nats';
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #streams: readonly StreamSpec[];
  readonly #options: NatsEventBusOptions;
  readonly #subscriptions = new Set<Subscription>();
  readonly #reconnectListeners = new Set<() => void>();

  private constructor(nc: NatsConnection, jsm: JetStreamManager, options: NatsEventBusOptions) {
    this.#nc = nc;
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'reconnect') for (const listener of [...this.#reconnectListeners]) listener();
      }
    })();
    this.#jsm = jsm;
    this.#js = nc.jetstream();
    this.#streams = options.streams ?? DEFAULT_STREAMS;
    this.#options = options;
  }

  /** Connects (waiting for the server if it is not up yet) and creates or updates the streams. */
  static async connect(options: NatsEventBusOptions): Promise<NatsEventBus> {
    const nc = await connect({
      servers: typeof options.servers === 'string' ? options.servers : [...options.servers],
      name: options.name ?? 'terminus-supergraph',
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      waitOnFirstConnect: true,
      pingInterval: 5_000,
    });
    try {
      const jsm = await retry(() => nc.jetstreamManager(), { retries: 10, baseDelayMs: 100, retryOn: isTransientNatsError });
      await retry(() => ensureStreams(jsm, options.streams ?? DEFAULT_STREAMS, options.replicas ?? 1), { retries: 10, baseDelayMs: 100, retryOn: isTransientNatsError });
      return new NatsEventBus(nc, jsm, options);
    } catch (err) {
      await nc.close();
      throw err;
    }
  }

  async publish<T>(subject: string, data: T, options: { readonly msgId: string }): Promise<PublishAck> {
    const body = codec.encode(data);
    const timeout = this.#options.publishTimeoutMs ?? 5_000;
    const ack = await retry(() => this.#js.publish(subject, body, { msgID: options.msgId, timeout }), {
      retries: this.#options.publishRetries ?? 5,
      baseDelayMs: 100,
      retryOn: isTransientNatsError,
    });
    return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
  }

  async #gapAfter(stream: string, cursor: number): Promise<Gap | undefined> {
    const { state } = await this.#jsm.streams.info(stream);
    const firstAvailableSeq = state.messages === 0 ? state.last_seq + 1 : state.first_seq;
    return cursor + 1 < firstAvailableSeq ? { requestedSeq: cursor + 1, firstAvailableSeq } : undefined;
  }

  async replay<T>(options: { readonly subject: string; readonly after: number; readonly limit?: number }): Promise<ReplayPage<T>> {
    const stream = streamOf(this.#streams, options.subject).name;
    const gap = await this.#gapAfter(stream, options.after);
    const info = await this.#jsm.consumers.add(stream, {
      ack_policy: AckPolicy.None,
      filter_subject: options.subject,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: Math.max(1, options.after + 1),
      inactive_threshold: 30_000_000_000,
    });
    const messages: BusMessage<T>[] = [];
    try {
      const want = Math.min(options.limit ?? 100, info.num_pending);
      if (want > 0) {
        const consumer = await this.#js.consumers.get(stream, info.name);
        const batch = await consumer.fetch({ max_messages: want, expires: 5_000 });
        for await (const m of batch) {
          messages.push({ subject: m.subject, seq: m.seq, msgId: m.headers?.get('Nats-Msg-Id') ?? '', time: Math.floor(m.info.timestampNanos / 1e6), data: m.json<T>() });
          if (messages.length >= want) break;
        }
      }
    } finally {
      await this.#jsm.consumers.delete(stream, info.name).catch(() => undefined);
    }
    return { ...(gap === undefined ? {} : { gap }), messages, cursor: messages.at(-1)?.seq ?? options.after };
  }

  async last<T>(subject: string): Promise<BusMessage<T> | undefined> {
    const stream = streamOf(this.#streams, subject).name;
    try {
      const m = await this.#jsm.streams.getMessage(stream, { last_by_subj: subject });
      return { subject: m.subject, seq: m.seq, msgId: m.header.get('Nats-Msg-Id'), time: m.time.getTime(), data: m.json<T>() };
    } catch (err) {
      if (/no message found|message not found/i.test((err as Error).message)) return undefined;
      throw err;
    }
  }

  async subscribe<T>(options: SubscribeOptions, handler: (delivery: Delivery<T>) => void | Promise<void>): Promise<Subscription> {
    const stream = streamOf(this.#streams, options.subject).name;
    const subscription = await natsSubscribe<T>(
      {
        js: this.#js,
        jsm: this.#jsm,
        stream,
        gapAfter: (cursor) => this.#gapAfter(stream, cursor),
        onError: (err) => this.#options.onError?.(err),
        onReconnect: (listener) => {
          this.#reconnectListeners.add(listener);
          return () => this.#reconnectListeners.delete(listener);
        },
      },
      options,
      handler,
    );
    const tracked: Subscription = {
      close: async () => {
        this.#subscriptions.delete(tracked);
        await subscription.close();
      },
      [Symbol.asyncDispose]: () => tracked.close(),
    };
    this.#subscriptions.add(tracked);
    return tracked;
  }

  async deleteConsumer(subject: string, durable: string): Promise<void> {
    try {
      await this.#jsm.consumers.delete(streamOf(this.#streams, subject).name, durable);
    } catch (err) {
      if (!/consumer not found/i.test((err as Error).message)) throw err;
    }
  }

  async ready(): Promise<boolean> {
    if (this.#nc.isClosed()) return false;
    try {
      const first = this.#streams[0];
      if (first !== undefined) await this.#jsm.streams.info(first.name);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#nc.isClosed()) return;
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    await this.#nc.drain().catch(() => this.#nc.close());
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

