import type { BusMessage, Gap } from './EventBus.js';
import { subjectMatches, type StreamSpec } from './streams.js';

/** The durable state of one consumer, kept by the broker across subscriber restarts. */
export interface MemoryConsumerState {
  readonly stream: string;
  readonly filter: string;
  /** The next stream sequence not yet delivered. */
  nextSeq: number;
  /** Delivered, not yet acknowledged: sequence → delivery count. */
  readonly pending: Map<number, number>;
  /** Sequences to deliver again, with the time they become due. */
  readonly redeliver: Map<number, number>;
}

interface StoredStream {
  readonly spec: StreamSpec;
  readonly messages: BusMessage[];
  lastSeq: number;
  /** msgId → [seq, time stored]. */
  readonly seen: Map<string, [number, number]>;
}

/**
 * The in-memory "server" behind `MemoryEventBus` connections: streams with sequences, retention and
 * de-duplication, and durable consumer state. One broker per process; buses connect to it, so a
 * subscriber can close its bus and reconnect to resume a durable consumer.
 */
export class MemoryBroker {
  readonly #streams = new Map<string, StoredStream>();
  readonly #consumers = new Map<string, MemoryConsumerState>();
  readonly #listeners = new Set<() => void>();

  /** Creates the stream if it does not exist (an existing one keeps its data and takes the new limits). */
  ensureStream(spec: StreamSpec): void {
    const existing = this.#streams.get(spec.name);
    this.#streams.set(spec.name, existing === undefined ? { spec, messages: [], lastSeq: 0, seen: new Map() } : { ...existing, spec });
  }

  #stream(name: string): StoredStream {
    const s = this.#streams.get(name);
    if (s === undefined) throw new Error(`stream ${name} not found`);
    return s;
  }

  /** Drops what retention no longer allows. */
  #trim(s: StoredStream, now: number): void {
    const { maxAgeMs, maxMsgs, maxMsgsPerSubject, duplicateWindowMs } = s.spec;
    let drop = 0;
    while (drop < s.messages.length && ((maxAgeMs > 0 && (s.messages[drop]?.time ?? now) < now - maxAgeMs) || (maxMsgs > 0 && s.messages.length - drop > maxMsgs))) drop++;
    if (drop > 0) s.messages.splice(0, drop);
    if (maxMsgsPerSubject > 0) {
      const counts = new Map<string, number>();
      for (let i = s.messages.length - 1; i >= 0; i--) {
        const m = s.messages[i];
        if (m === undefined) continue;
        const n = (counts.get(m.subject) ?? 0) + 1;
        counts.set(m.subject, n);
        if (n > maxMsgsPerSubject) s.messages.splice(i, 1);
      }
    }
    for (const [id, [, time]] of s.seen) if (time < now - duplicateWindowMs) s.seen.delete(id);
  }

  /** Stores a message unless its id was seen within the window; returns its sequence. */
  store(streamName: string, subject: string, msgId: string, data: unknown): { seq: number; duplicate: boolean } {
    const s = this.#stream(streamName);
    const now = Date.now();
    this.#trim(s, now);
    const seen = s.seen.get(msgId);
    if (seen !== undefined) return { seq: seen[0], duplicate: true };
    const seq = ++s.lastSeq;
    s.messages.push({ subject, seq, msgId, time: now, data: JSON.parse(JSON.stringify(data ?? null)) as unknown });
    s.seen.set(msgId, [seq, now]);
    this.#trim(s, now);
    for (const listener of [...this.#listeners]) listener();
    return { seq, duplicate: false };
  }

  /** The first message of the stream with a sequence ≥ `fromSeq` matching `filter`. */
  next(streamName: string, filter: string, fromSeq: number): BusMessage | undefined {
    const s = this.#stream(streamName);
    this.#trim(s, Date.now());
    return s.messages.find((m) => m.seq >= fromSeq && subjectMatches(filter, m.subject));
  }

  /** The message with this sequence, if still stored. */
  get(streamName: string, seq: number): BusMessage | undefined {
    return this.#stream(streamName).messages.find((m) => m.seq === seq);
  }

  /** The newest message on a subject. */
  last(streamName: string, subject: string): BusMessage | undefined {
    const s = this.#stream(streamName);
    this.#trim(s, Date.now());
    for (let i = s.messages.length - 1; i >= 0; i--) if (s.messages[i]?.subject === subject) return s.messages[i];
    return undefined;
  }

  /** The last stored sequence (what `new` starts after). */
  lastSeq(streamName: string): number {
    return this.#stream(streamName).lastSeq;
  }

  /** The gap a read after `cursor` would have, if any. */
  gapAfter(streamName: string, cursor: number): Gap | undefined {
    const s = this.#stream(streamName);
    this.#trim(s, Date.now());
    const firstAvailableSeq = s.messages[0]?.seq ?? s.lastSeq + 1;
    return cursor + 1 < firstAvailableSeq ? { requestedSeq: cursor + 1, firstAvailableSeq } : undefined;
  }

  /** The durable consumer's state, created with `init` when new (the flag says which). */
  consumer(name: string, init: () => MemoryConsumerState): { state: MemoryConsumerState; created: boolean } {
    const existing = this.#consumers.get(name);
    if (existing !== undefined) return { state: existing, created: false };
    const state = init();
    this.#consumers.set(name, state);
    return { state, created: true };
  }

  deleteConsumer(name: string): void {
    this.#consumers.delete(name);
  }

  /** Calls `listener` after every stored message until the returned function is called. */
  onStore(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
