import type { RetryPolicy } from './types.js';

/**
 * The delay before attempt `failedAttempt + 1`: `initialDelayMs × 2^(failedAttempt−1)`, capped at
 * `maxDelayMs`, then up to `jitter` of it taken off at random (so replicas retrying together spread out).
 */
export function retryDelay(policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, failedAttempt - 1));
  return Math.max(0, Math.round(exp * (1 - policy.jitter * random())));
}
