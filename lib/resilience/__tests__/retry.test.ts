import { describe, expect, it } from 'vitest';
import { backoffDelay, retry } from '../retry.js';

describe('retry', () => {
  it('retries with exponentially growing, capped delays', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retry(
      async () => {
        calls++;
        if (calls < 4) throw new Error('again');
        return 'done';
      },
      { retries: 5, baseDelayMs: 10, maxDelayMs: 25, random: () => 0.999, sleep: async (ms) => void delays.push(ms) },
    );
    expect(result).toBe('done');
    expect(delays).toEqual([9, 19, 24]);
  });

  it('gives up after the last attempt and on errors it must not retry', async () => {
    await expect(retry(() => Promise.reject(new Error('x')), { retries: 2, sleep: async () => undefined })).rejects.toThrow('x');
    let calls = 0;
    await expect(
      retry(
        () => {
          calls++;
          return Promise.reject(new Error('bad input'));
        },
        { retryOn: () => false, sleep: async () => undefined },
      ),
    ).rejects.toThrow('bad input');
    expect(calls).toBe(1);
  });

  it('uses full jitter below the cap', () => {
    expect(backoffDelay(3, 100, 10_000, () => 0.5)).toBe(200);
    expect(backoffDelay(10, 100, 1_000, () => 0.5)).toBe(500);
  });
});
