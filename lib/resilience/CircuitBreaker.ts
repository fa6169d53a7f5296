/** Breaker states, as in Nygard's "Release It!". */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Options of {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker (default 5). */
  readonly failureThreshold?: number;
  /** How long it stays open before one probe is let through, ms (default 1,000); doubles on each failed probe. */
  readonly resetTimeoutMs?: number;
  /** Largest open period, ms (default 30,000). */
  readonly maxResetTimeoutMs?: number;
  /** Clock (injectable for tests). */
  readonly now?: () => number;
  /** Told of every state change (metrics, logs). */
  readonly onStateChange?: (state: BreakerState) => void;
}

/** Thrown without calling the protected function while the breaker is open. */
export class BreakerOpenError extends Error {
  constructor(
    readonly breaker: string,
    readonly retryInMs: number,
  ) {
    super(`${breaker} is unavailable (circuit open, next probe in ${retryInMs} ms)`);
    this.name = 'BreakerOpenError';
  }
}

/**
 * A circuit breaker: after `failureThreshold` consecutive failures calls fail fast for an open
 * period; then one half-open probe decides (success closes, failure reopens with a doubled period).
 */
export class CircuitBreaker {
  #state: BreakerState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #openFor: number;
  #probing = false;
  readonly #o: Required<Omit<CircuitBreakerOptions, 'onStateChange'>> & {
    readonly onStateChange: ((state: BreakerState) => void) | undefined;
  };

  constructor(
    readonly name: string,
    options: CircuitBreakerOptions = {},
  ) {
    this.#o = {
      failureThreshold: options.failureThreshold ?? 5,
      resetTimeoutMs: options.resetTimeoutMs ?? 1_000,
      maxResetTimeoutMs: options.maxResetTimeoutMs ?? 30_000,
      now: options.now ?? Date.now,
      onStateChange: options.onStateChange,
    };
    this.#openFor = this.#o.resetTimeoutMs;
  }

  get state(): BreakerState {
    if (this.#state === 'open' && this.#o.now() - this.#openedAt >= this.#openFor) return 'half-open';
    return this.#state;
  }

  /** Runs `fn` through the breaker. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.#probing)) {
      throw new BreakerOpenError(this.name, Math.max(0, this.#openFor - (this.#o.now() - this.#openedAt)));
    }
    const probe = state === 'half-open';
    if (probe) {
      this.#probing = true;
      this.#set('half-open');
    }
    try {
      const result = await fn();
      this.#succeed();
      return result;
    } catch (err) {
      this.#fail(probe);
      throw err;
    } finally {
      if (probe) this.#probing = false;
    }
  }

  #succeed(): void {
    this.#failures = 0;
    this.#openFor = this.#o.resetTimeoutMs;
    this.#set('closed');
  }

  #fail(probe: boolean): void {
    this.#failures++;
    if (probe) this.#openFor = Math.min(this.#o.maxResetTimeoutMs, this.#openFor * 2);
    if (probe || this.#failures >= this.#o.failureThreshold) {
      this.#openedAt = this.#o.now();
      this.#set('open');
    }
  }

  #set(state: BreakerState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#o.onStateChange?.(state);
  }
}
