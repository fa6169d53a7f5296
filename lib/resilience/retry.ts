/** Options of {@link retry}. */
export interface RetryOptions {
  /** Attempts after the first (default 3). */
  readonly retries?: number;
  /** First delay in ms (default 50); doubles each attempt. */
  readonly baseDelayMs?: number;
  /** Largest delay in ms (default 2,000). */
  readonly maxDelayMs?: number;
  /** Whether an error is worth another attempt (default: every error). */
  readonly retryOn?: (err: unknown) => boolean;
  /** Waits `ms` (injectable for tests; default setTimeout). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Random in [0,1) for jitter (injectable for tests). */
  readonly random?: () => number;
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The delay before attempt `n` (1-based): exponential with "full jitter" (AWS architecture blog). */
export function backoffDelay(n: number, base: number, max: number, random: () => number): number {
  const cap = Math.min(max, base * 2 ** (n - 1));
  return Math.floor(random() * cap);
}

/** Runs `fn`, retrying failures that `retryOn` accepts with exponential backoff and jitter. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 3;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= retries || (options.retryOn !== undefined && !options.retryOn(err))) throw err;
      await sleep(backoffDelay(attempt + 1, options.baseDelayMs ?? 50, options.maxDelayMs ?? 2_000, random));
    }
  }
}
