import type { BusMessage, EventBus, Gap, Logger, Subscription } from '../../lib/index.js';

type Listener = (message: BusMessage) => void;

interface Feed {
  readonly ready: Promise<Subscription>;
  readonly listeners: Set<Listener>;
}

/** Replay page size when a subscriber resumes from a cursor. */
const REPLAY_PAGE = 200;

/**
 * Fans bus subjects out to subscribers: one ephemeral (ordered) bus consumer per subject however many
 * clients listen, plus a replay from the bus for a subscriber that resumes from a cursor. The switch
 * from replay to live loses and repeats nothing: live messages are buffered while the replay runs and
 * those at or below the last replayed sequence are dropped.
 */
export class EventHub implements AsyncDisposable {
  readonly #feeds = new Map<string, Feed>();

  constructor(
    readonly bus: EventBus,
    readonly logger: Logger,
  ) {}

  /** Subscribers of a subject (for metrics and tests). */
  listeners(subject: string): number {
    return this.#feeds.get(subject)?.listeners.size ?? 0;
  }

  /**
   * Delivers every message of `subject` stored after `after` (or, without a cursor, from now on) to
   * `deliver`, in stream order; `onGap` first when messages after the cursor are gone. Resolves when
   * live delivery has started; the returned function stops it.
   */
  async listen(subject: string, after: number | undefined, deliver: Listener, onGap: (gap: Gap) => void): Promise<() => void> {
    let buffering = after !== undefined;
    const buffer: BusMessage[] = [];
    let last = after ?? 0;
    let stopped = false;
    const listener: Listener = (m) => {
      if (stopped) return;
      if (buffering) buffer.push(m);
      else if (m.seq > last) {
        last = m.seq;
        deliver(m);
      }
    };
    const feed = this.#feed(subject);
    feed.listeners.add(listener);
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      feed.listeners.delete(listener);
      if (feed.listeners.size === 0 && this.#feeds.get(subject) === feed) {
        this.#feeds.delete(subject);
        void feed.ready.then((s) => s.close()).catch(() => undefined);
      }
    };
    try {
      await feed.ready;
      if (after !== undefined) {
        let cursor = after;
        let first = true;
        for (;;) {
          const page = await this.bus.replay({ subject, after: cursor, limit: REPLAY_PAGE });
          if (first && page.gap !== undefined) onGap(page.gap);
          first = false;
          for (const m of page.messages) {
            if (stopped) return stop;
            if (m.seq > last) {
              last = m.seq;
              deliver(m);
            }
          }
          if (page.messages.length === 0 || page.cursor <= cursor) break;
          cursor = page.cursor;
        }
        buffering = false;
        for (const m of buffer.splice(0)) listener(m);
      }
      return stop;
    } catch (err) {
      stop();
      throw err;
    }
  }

  #feed(subject: string): Feed {
    let feed = this.#feeds.get(subject);
    if (feed === undefined) {
      const listeners = new Set<Listener>();
      const ready = this.bus.subscribe({ subject, start: { kind: 'new' } }, (d) => {
        for (const l of listeners) l(d);
      });
      ready.catch((err: unknown) => {
        this.logger.error({ err, subject }, 'event feed failed');
        if (this.#feeds.get(subject)?.ready === ready) this.#feeds.delete(subject);
      });
      feed = { ready, listeners };
      this.#feeds.set(subject, feed);
    }
    return feed;
  }

  async close(): Promise<void> {
    const feeds = [...this.#feeds.values()];
    this.#feeds.clear();
    await Promise.all(feeds.map((f) => f.ready.then((s) => s.close()).catch(() => undefined)));
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
