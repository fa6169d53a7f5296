import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/index.js';
import { serviceConfigFromEnv } from '../serviceConfigFromEnv.js';

class SvcConfigError extends ConfigError {
  override name = 'SvcConfigError';
}

const read = (env: NodeJS.ProcessEnv) => serviceConfigFromEnv(env, { prefix: 'SVC', defaultPort: 4100, Err: SvcConfigError });

describe('serviceConfigFromEnv', () => {
  it('has defaults that run on one machine', () => {
    expect(read({ ROUTER_IDENTITY_KEY: 'k' })).toEqual({
      port: 4100,
      host: '127.0.0.1',
      terminus: expect.objectContaining({ url: 'http://127.0.0.1:6363', db: 'supergraph' }),
      bus: { kind: 'memory' },
      identityKey: 'k',
    });
  });

  it('reads the service’s own variables', () => {
    const c = read({ ROUTER_IDENTITY_KEY: 'k', SVC_PORT: '0', SVC_HOST: '0.0.0.0', NATS_URL: 'nats://127.0.0.1:4222' });
    expect(c).toMatchObject({ port: 0, host: '0.0.0.0', bus: { kind: 'nats', url: 'nats://127.0.0.1:4222' } });
    expect(read({ ROUTER_IDENTITY_KEY: 'k', SVC_HOST: '' }).host).toBe('127.0.0.1');
    expect(read({ SVC_INSECURE_NO_IDENTITY: 'true' }).identityKey).toBeNull();
    expect(read({ ROUTER_IDENTITY_KEY: 'k', SVC_INSECURE_NO_IDENTITY: 'anything' }).identityKey).toBe('k');
  });

  it('throws the service’s error class with a message that says what to set', () => {
    expect(() => read({})).toThrow(new SvcConfigError('Set ROUTER_IDENTITY_KEY (the key the router signs identities with), or SVC_INSECURE_NO_IDENTITY=true for local tests'));
    expect(() => read({ SVC_INSECURE_NO_IDENTITY: 'yes' })).toThrow(new SvcConfigError('SVC_INSECURE_NO_IDENTITY must be true or false, got "yes"'));
    expect(() => read({ ROUTER_IDENTITY_KEY: 'k', SVC_PORT: '65536' })).toThrow(new SvcConfigError('SVC_PORT must be an integer from 0 to 65535, got "65536"'));
    expect(() => read({ ROUTER_IDENTITY_KEY: 'k', NATS_URL: 'http://x' })).toThrow(SvcConfigError);
    expect(() => read({ ROUTER_IDENTITY_KEY: 'k', TERMINUSDB_URL: 'ftp://x' })).toThrow(SvcConfigError);
    expect(() => read({ ROUTER_IDENTITY_KEY: 'k', TERMINUSDB_URL: 'ftp://x' })).toThrow(/TERMINUSDB_URL/);
  });

  it('reports TerminusDB before the bus, the bus before the identity, the identity before the port', () => {
    expect(() => read({ TERMINUSDB_URL: 'ftp://x', NATS_URL: 'http://x', SVC_PORT: 'x' })).toThrow(/TERMINUSDB_URL/);
    expect(() => read({ NATS_URL: 'http://x', SVC_PORT: 'x' })).toThrow(/NATS_URL/);
    expect(() => read({ SVC_PORT: 'x' })).toThrow(/ROUTER_IDENTITY_KEY/);
  });
});
