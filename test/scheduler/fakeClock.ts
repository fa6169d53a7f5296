import type { Clock } from '../../subgraphs/scheduler/index.js';

/** A clock that moves only when the test says so; timers fire in time order, each at its own time. */
export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, firing every timer due on the way (and letting async work they start settle). */
  advance(ms: number): Promise<void>;
  set(iso: string): void;
  /** Timers not yet fired. */
  pending(): number;
}

export function fakeClock(start: string): FakeClock {
  let now = Date.parse(start);
  let timers: { at: number; fn: () => void }[] = [];
  const settle = (): Promise<void> => new Promise((r) => setImmediate(r));
  return {
    now: () => now,
    setTimer(ms, fn) {
      const timer = { at: now + Math.max(0, ms), fn };
      timers.push(timer);
      return () => void (timers = timers.filter((t) => t !== timer));
    },
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        await settle();
      }
      now = target;
      await settle();
    },
    set(iso) {
      now = Date.parse(iso);
    },
    pending: () => timers.length,
  };
}
