export { BreakerOpenError, CircuitBreaker, type BreakerState, type CircuitBreakerOptions } from './CircuitBreaker.js';
export { backoffDelay, retry, type RetryOptions } from './retry.js';
