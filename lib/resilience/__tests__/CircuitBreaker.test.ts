import { describe, expect, it } from 'vitest';
import { BreakerOpenError, CircuitBreaker } from '../CircuitBreaker.js';

const fail = (): Promise<never> => Promise.reject(new Error('down'));
const okay = (): Promise<string> => Promise.resolve('up');

describe('CircuitBreaker', () => {
  it('opens after the threshold and fails fast without calling', async () => {
    let t = 0;
    const b = new CircuitBreaker('core', { failureThreshold: 2, resetTimeoutMs: 100, now: () => t });
    await expect(b.run(fail)).rejects.toThrow('down');
    await expect(b.run(fail)).rejects.toThrow('down');
    expect(b.state).toBe('open');
    let called = false;
    await expect(b.run(async () => ((called = true), 'x'))).rejects.toBeInstanceOf(BreakerOpenError);
    expect(called).toBe(false);
    t = 99;
    expect(b.state).toBe('open');
  });

  it('lets one half-open probe through; success closes', async () => {
    let t = 0;
    const states: string[] = [];
    const b = new CircuitBreaker('core', { failureThreshold: 1, resetTimeoutMs: 100, now: () => t, onStateChange: (s) => states.push(s) });
    await expect(b.run(fail)).rejects.toThrow();
    t = 100;
    expect(b.state).toBe('half-open');
    await expect(b.run(okay)).resolves.toBe('up');
    expect(b.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('doubles the open period after a failed probe', async () => {
    let t = 0;
    const b = new CircuitBreaker('core', { failureThreshold: 1, resetTimeoutMs: 100, now: () => t });
    await expect(b.run(fail)).rejects.toThrow();
    t = 100;
    await expect(b.run(fail)).rejects.toThrow('down');
    t = 250;
    expect(b.state).toBe('open');
    t = 300;
    expect(b.state).toBe('half-open');
  });
});
