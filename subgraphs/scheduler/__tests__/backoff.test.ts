import { describe, expect, it } from 'vitest';
import { retryDelay } from '../index.js';

describe('retryDelay', () => {
  const policy = { maxAttempts: 10, initialDelayMs: 1_000, maxDelayMs: 10_000, jitter: 0.5 };

  it('doubles per failed attempt up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(policy, n, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('takes up to `jitter` of the delay off at random', () => {
    expect(retryDelay(policy, 2, () => 1)).toBe(1_000);
    expect(retryDelay(policy, 2, () => 0.5)).toBe(1_500);
    expect(retryDelay({ ...policy, jitter: 0 }, 2, () => 0.9)).toBe(2_000);
  });
});
