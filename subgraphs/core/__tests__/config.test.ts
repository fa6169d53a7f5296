import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/index.js';
import { coreConfigFromEnv, CoreConfigError } from '../config.js';

const base = { ROUTER_IDENTITY_KEY: 'k' };

describe('coreConfigFromEnv', () => {
  it('has defaults that run on one machine', () => {
    expect(coreConfigFromEnv(base)).toEqual({
      port: 4001,
      host: '127.0.0.1',
      terminus: expect.objectContaining({ url: 'http://127.0.0.1:6363', db: 'supergraph' }),
      identityKey: 'k',
      nudgeUrl: null,
      headTtlMs: 100,
      cacheMb: 64,
      schemaTtlMs: 30_000,
    });
  });

  it('reads its variables', () => {
    expect(coreConfigFromEnv({ ...base, CORE_PORT: '0', CORE_HOST: '0.0.0.0', CORE_HEAD_TTL_MS: '0', CORE_CACHE_MB: '8', AUDIT_NUDGE_URL: 'http://127.0.0.1:4004/nudge' })).toMatchObject({
      port: 0, host: '0.0.0.0', headTtlMs: 0, cacheMb: 8, nudgeUrl: 'http://127.0.0.1:4004/nudge',
    });
    expect(coreConfigFromEnv({ CORE_INSECURE_NO_IDENTITY: 'true' }).identityKey).toBeNull();
  });

  it('reads CORE_HOST and CORE_INSECURE_NO_IDENTITY as the other services read theirs', () => {
    expect(coreConfigFromEnv({ ...base, CORE_HOST: '' }).host).toBe('127.0.0.1');
    expect(() => coreConfigFromEnv({ CORE_INSECURE_NO_IDENTITY: 'yes' })).toThrow('CORE_INSECURE_NO_IDENTITY must be true or false, got "yes"');
    expect(() => coreConfigFromEnv({ CORE_INSECURE_NO_IDENTITY: 'false' })).toThrow(/^Set ROUTER_IDENTITY_KEY .* or CORE_INSECURE_NO_IDENTITY=true for local tests$/);
  });

  it('throws CoreConfigError (a lib ConfigError) saying what to set', () => {
    const bad: Record<string, string>[] = [{}, { ...base, CORE_PORT: 'x' }, { ...base, TERMINUSDB_URL: 'ftp://x' }, { ...base, AUDIT_NUDGE_URL: 'ftp://x' }, { ...base, CORE_CACHE_MB: '-1' }];
    for (const env of bad) {
      expect(() => coreConfigFromEnv(env), JSON.stringify(env)).toThrow(CoreConfigError);
      expect(() => coreConfigFromEnv(env), JSON.stringify(env)).toThrow(ConfigError);
    }
    expect(() => coreConfigFromEnv({ ...base, TERMINUSDB_URL: 'ftp://x' })).toThrow(/TERMINUSDB_URL must be an http\(s\) URL/);
    expect(() => coreConfigFromEnv({ ...base, CORE_PORT: 'x' })).toThrow('CORE_PORT must be an integer from 0 to 65535, got "x"');
  });
});
