import { describe, expect, it } from 'vitest';
import { eventBusConfigFromEnv } from '../createEventBus.js';

describe('eventBusConfigFromEnv', () => {
  it('selects NATS from NATS_URL and the in-memory bus without it', () => {
    expect(eventBusConfigFromEnv({})).toEqual({ kind: 'memory' });
    expect(eventBusConfigFromEnv({ NATS_URL: 'memory' })).toEqual({ kind: 'memory' });
    expect(eventBusConfigFromEnv({ NATS_URL: 'nats://a:4222,nats://b:4222' })).toEqual({ kind: 'nats', url: 'nats://a:4222,nats://b:4222' });
    expect(() => eventBusConfigFromEnv({ NATS_URL: 'http://x' })).toThrow(/NATS_URL must be/);
  });
});
