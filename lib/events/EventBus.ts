/**
 * The event bus contract: JetStream semantics (streams of subjects, per-stream sequence numbers,
 * message-id de-duplication, durable consumers with explicit ack) that every implementation keeps.
 * One contract suite (`test/events/bus.contract.ts`) runs against each implementation.
 */

/** Where a new consumer starts. An existing durable consumer ignores it and resumes where it stopped. */
export type StartAt =
  /** Only messages stored after the consumer was created ("from now"). */
  | { readonly kind: 'new' }
  /** Every message still retained. */
  | { readonly kind: 'first' }
  /** Messages with a stream sequence greater than `seq` (a cursor: the last sequence seen). */
  | { readonly kind: 'after'; readonly seq: number };

/**
 * Messages after a cursor are no longer retained: the consumer continues at `firstAvailableSeq`.
 * Gaps are per stream; the lost messages may or may not have matched the consumer's subject filter.
 */
export interface Gap {
  /** The first sequence the caller asked for (cursor + 1). */
  readonly requestedSeq: number;
  /** The oldest sequence still stored. */
  readonly firstAvailableSeq: number;
}

/** A stored message. */
export interface BusMessage<T = unknown> {
  readonly subject: string;
  /** Stream sequence: increases by publish order within a stream; the cursor of a consumer. */
  readonly seq: number;
  /** The publisher's de-duplication id (`Nats-Msg-Id`). */
  readonly msgId: string;
  /** When the message was stored (ms since epoch). */
  readonly time: number;
  /** The JSON payload. */
  readonly data: T;
}

/** A message handed to a subscriber. */
export interface Delivery<T = unknown> extends BusMessage<T> {
  /** 1 on the first delivery, then 2, 3… on redeliveries. */
  readonly deliveryCount: number;
  /** Confirms processing; resolves when the bus has recorded it. A no-op on ephemeral subscriptions. */
  ack(): Promise<void>;
  /** Asks for redelivery (after `delayMs`, default at once). A no-op on ephemeral subscriptions. */
  nak(delayMs?: number): void;
  /**
   * Says the handler is still working on it: the ack timer (`ackWaitMs`) starts again, so a long task
   * that reports regularly is not redelivered to another consumer. A no-op on ephemeral subscriptions.
   */
  working(): void;
}

/** The answer to a publish. */
export interface PublishAck {
  readonly stream: string;
  /** The sequence of the stored message (of the earlier one when `duplicate`). */
  readonly seq: number;
  /** The message id was seen within the stream's de-duplication window: nothing new was stored. */
  readonly duplicate: boolean;
}

/** Options of `subscribe`. */
export interface SubscribeOptions {
  /** Subject filter (NATS wildcards `*` and `>`); must lie inside one stream's subjects. */
  readonly subject: string;
  /**
   * Durable consumer name (letters, digits, `-`, `_`): state (acks) is kept by the bus across
   * subscriber restarts, delivery is at-least-once with explicit ack. Absent: an ephemeral, ordered,
   * at-most-once subscription without acks (what a live client stream needs).
   */
  readonly durable?: string;
  /** Where a new consumer starts (default `new`). */
  readonly start?: StartAt;
  /** Durable only: unacknowledged messages are redelivered after this long (ms, default 30 000). */
  readonly ackWaitMs?: number;
  /**
   * Durable only: how many messages may be delivered and not yet acknowledged (default 1: strict
   * order, a nak'ed message is redelivered before any later one).
   */
  readonly maxAckPending?: number;
  /** Called (before any delivery) when `start` is a cursor older than the stream's retention. */
  readonly onGap?: (gap: Gap) => void;
}

/** A running subscription. */
export interface Subscription extends AsyncDisposable {
  /** Stops delivering; durable state stays with the bus. */
  close(): Promise<void>;
}

/** A bounded read of stored messages. */
export interface ReplayPage<T = unknown> {
  /** Set when messages after the cursor are gone (retention). */
  readonly gap?: Gap;
  readonly messages: readonly BusMessage<T>[];
  /** The cursor to continue from (the last sequence read, or the given cursor when none). */
  readonly cursor: number;
}

/** A message bus with JetStream semantics. */
export interface EventBus extends AsyncDisposable {
  /** Which implementation (`nats`, `memory`), for logs and `/readyz`. */
  readonly kind: string;
  /**
   * Stores `data` (JSON) on `subject`. A second publish with the same `msgId` within the stream's
   * de-duplication window stores nothing and answers `duplicate: true`. Rejects when the bus cannot
   * confirm storage; retrying with the same `msgId` is always safe.
   */
  publish<T>(subject: string, data: T, options: { readonly msgId: string }): Promise<PublishAck>;
  /** Delivers matching messages to `handler`, one at a time, in stream order. */
  subscribe<T>(options: SubscribeOptions, handler: (delivery: Delivery<T>) => void | Promise<void>): Promise<Subscription>;
  /** Reads up to `limit` (default 100) messages matching `subject` with a sequence greater than `after`. */
  replay<T>(options: { readonly subject: string; readonly after: number; readonly limit?: number }): Promise<ReplayPage<T>>;
  /** The newest stored message on exactly this subject (no wildcards), if any. */
  last<T>(subject: string): Promise<BusMessage<T> | undefined>;
  /** Removes a durable consumer and its state. */
  deleteConsumer(subject: string, durable: string): Promise<void>;
  /** Whether the bus answers. */
  ready(): Promise<boolean>;
  /** Closes subscriptions and the connection. */
  close(): Promise<void>;
}
