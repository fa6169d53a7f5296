import { afterEach, describe, expect, it, vi } from 'vitest';
import { consume } from '../consume.js';
import { MemoryEventBus } from '../MemoryEventBus.js';
import type { StreamSpec } from '../streams.js';

const stream: StreamSpec = { name: 'R', prefix: 'r', maxAgeMs: 0, maxMsgs: 0, maxMsgsPerSubject: 0, duplicateWindowMs: 60_000 };

describe('MemoryEventBus redelivery', () => {
  afterEach(() => vi.restoreAllMocks());

  it('redelivers when the backoff timer fires before Date.now() reaches the due time', async () => {
    await using bus = new MemoryEventBus({ streams: [stream] });
    const real = Date.now.bind(Date);
    let attempts = 0;
    let handled = false;
    const sub = await consume<{ n: number }>(bus, {
      subject: 'r.>',
      durable: 'w',
      start: { kind: 'first' },
      retryDelayMs: 30,
      handler: () => {
        attempts++;
        if (attempts === 1) {
          // The wall clock steps back 40 ms right after the retry is scheduled (the first call
          // below is the nak's): the 30 ms timer fires while Date.now() says the retry is not due,
          // as happens by a millisecond when the wall clock and the loop's clock round differently.
          let calls = 0;
          vi.spyOn(Date, 'now').mockImplementation(() => (calls++ === 0 ? real() : real() - 40));
          throw new Error('not yet');
        }
        handled = true;
      },
    });
    await bus.publish('r.a', { n: 1 }, { msgId: 'm1' });
    const end = real() + 5_000;
    while (!handled && real() < end) await new Promise((r) => setTimeout(r, 5));
    await sub.close();
    expect(handled).toBe(true);
    expect(attempts).toBe(2);
  });
});
