import { Cron } from 'croner';
import type { Clock } from './Clock.js';

/** A cron schedule to follow. */
export interface CronEntry {
  /** Job id. */
  readonly id: string;
  readonly pattern: string;
  /** IANA zone; null for UTC. */
  readonly timezone: string | null;
}

/** The longest single timer (setTimeout's limit is 2^31 − 1 ms); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Checks a cron pattern and zone; returns the error message croner gives, or undefined when valid. */
export function cronError(pattern: string, timezone: string | null): string | undefined {
  try {
    const cron = new Cron(pattern, { paused: true, ...(timezone === null ? { timezone: 'UTC' } : { timezone }) });
    if (cron.nextRun(new Date()) === null) return 'the pattern never fires';
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The latest time (ms) at or before `now` that a cron pattern fires; undefined when none (or the pattern is invalid). */
export function lastTick(pattern: string, timezone: string | null, now: number): number | undefined {
  try {
    const cron = new Cron(pattern, { paused: true, timezone: timezone ?? 'UTC' });
    // croner looks strictly before a reference it truncates to the second: one second later finds a tick at `now` itself.
    const at = cron.previousRuns(1, new Date(now + 1_000))[0]?.getTime();
    return at !== undefined && at <= now ? at : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fires `onTick(id, scheduledAt)` at every time a cron pattern matches (croner computes the next
 * time; the clock is injectable). The next time is computed from the one just fired, so a tick is
 * never fired twice nor skipped while the process runs; ticks while it was down are not replayed
 * here (`Scheduler.catchUpMissed` queues the latest one at start, per the job's `catchUp`).
 */
export class CronTicker {
  readonly #entries = new Map<string, { entry: CronEntry; cron: Cron; cancel: () => void }>();

  constructor(
    readonly clock: Clock,
    readonly onTick: (id: string, scheduledAt: number) => void,
  ) {}

  /** Follows exactly these entries: new ones start, changed ones restart, missing ones stop. */
  sync(entries: readonly CronEntry[]): void {
    const wanted = new Map(entries.map((e) => [e.id, e]));
    for (const [id, current] of this.#entries) {
      const next = wanted.get(id);
      if (next === undefined || next.pattern !== current.entry.pattern || next.timezone !== current.entry.timezone) {
        current.cancel();
        this.#entries.delete(id);
      }
    }
    for (const entry of entries) if (!this.#entries.has(entry.id)) this.#start(entry);
  }

  /** The next time (ms) an entry fires, for tests and the API. */
  nextTick(id: string): number | undefined {
    const e = this.#entries.get(id);
    return e === undefined ? undefined : (e.cron.nextRun(new Date(this.clock.now()))?.getTime() ?? undefined);
  }

  #start(entry: CronEntry): void {
    let cron: Cron;
    try {
      cron = new Cron(entry.pattern, { paused: true, timezone: entry.timezone ?? 'UTC' });
    } catch {
      return; // checked at create/update; a bad stored pattern just does not fire
    }
    const state = { entry, cron, cancel: () => {} };
    this.#entries.set(entry.id, state);
    const arm = (after: number): void => {
      const at = cron.nextRun(new Date(after))?.getTime();
      if (at === undefined) return;
      const wait = (): void => {
        const delay = at - this.clock.now();
        if (delay > MAX_TIMER_MS) {
          state.cancel = this.clock.setTimer(MAX_TIMER_MS, wait);
          return;
        }
        state.cancel = this.clock.setTimer(Math.max(0, delay), () => {
          if (this.#entries.get(entry.id) !== state) return;
          arm(at);
          this.onTick(entry.id, at);
        });
      };
      wait();
    };
    arm(this.clock.now());
  }

  /** Stops every timer. */
  stop(): void {
    for (const e of this.#entries.values()) e.cancel();
    this.#entries.clear();
  }
}
