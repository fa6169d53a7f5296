import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/index.js';
import { schedulerConfigFromEnv, SchedulerConfigError } from '../index.js';

describe('schedulerConfigFromEnv', () => {
  it('has defaults for one machine', () => {
    const c = schedulerConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k' });
    expect(c).toMatchObject({ port: 4003, host: '127.0.0.1', identityKey: 'k', embeddingUrl: 'http://127.0.0.1:4002', concurrency: 4, ackWaitMs: 30_000, worker: true, triggers: true, bus: { kind: 'memory' } });
    expect(c.snapshotDir.endsWith('.data/snapshots')).toBe(true);
  });

  it('says what to set', () => {
    expect(() => schedulerConfigFromEnv({})).toThrow(/ROUTER_IDENTITY_KEY/);
    expect(() => schedulerConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k', SCHEDULER_PORT: 'x' })).toThrow(SchedulerConfigError);
    expect(() => schedulerConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k', EMBEDDING_SERVICE_URL: 'ftp://x' })).toThrow(/EMBEDDING_SERVICE_URL/);
    expect(() => schedulerConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k', NATS_URL: 'http://x' })).toThrow(/NATS_URL/);
    expect(schedulerConfigFromEnv({ SCHEDULER_INSECURE_NO_IDENTITY: 'true' }).identityKey).toBeNull();
  });

  it('throws SchedulerConfigError (a lib ConfigError) from the shared service reader too', () => {
    expect(() => schedulerConfigFromEnv({})).toThrow('Set ROUTER_IDENTITY_KEY (the key the router signs identities with), or SCHEDULER_INSECURE_NO_IDENTITY=true for local tests');
    for (const env of [{}, { ROUTER_IDENTITY_KEY: 'k', TERMINUSDB_URL: 'ftp://x' }, { ROUTER_IDENTITY_KEY: 'k', SCHEDULER_CONCURRENCY: '0' }, { SCHEDULER_INSECURE_NO_IDENTITY: 'on' }]) {
      expect(() => schedulerConfigFromEnv(env), JSON.stringify(env)).toThrow(SchedulerConfigError);
      expect(() => schedulerConfigFromEnv(env), JSON.stringify(env)).toThrow(ConfigError);
    }
    expect(schedulerConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k', SCHEDULER_PORT: '0', SCHEDULER_HOST: '::1' })).toMatchObject({ port: 0, host: '::1' });
  });
});
