import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/index.js';
import { auditConfigFromEnv, AuditConfigError } from '../config.js';

describe('auditConfigFromEnv', () => {
  it('has defaults that run on one machine', () => {
    const c = auditConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k' });
    expect(c).toMatchObject({ port: 4004, host: '127.0.0.1', bus: { kind: 'memory' }, identityKey: 'k', relay: true, pollMs: 1000, maxChanges: 500, crashAfterPublish: false });
  });

  it('says what to set', () => {
    expect(() => auditConfigFromEnv({})).toThrow(AuditConfigError);
    expect(() => auditConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k', AUDIT_POLL_MS: 'soon' })).toThrow(/AUDIT_POLL_MS must be an integer/);
    expect(() => auditConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k', NATS_URL: 'x' })).toThrow(/NATS_URL/);
    expect(auditConfigFromEnv({ AUDIT_INSECURE_NO_IDENTITY: 'true' }).identityKey).toBeNull();
  });

  it('throws AuditConfigError (a lib ConfigError) with the messages of the shared service reader', () => {
    expect(() => auditConfigFromEnv({})).toThrow(ConfigError);
    expect(() => auditConfigFromEnv({})).toThrow('Set ROUTER_IDENTITY_KEY (the key the router signs identities with), or AUDIT_INSECURE_NO_IDENTITY=true for local tests');
    expect(() => auditConfigFromEnv({ AUDIT_INSECURE_NO_IDENTITY: 'yes' })).toThrow('AUDIT_INSECURE_NO_IDENTITY must be true or false, got "yes"');
    expect(() => auditConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k', AUDIT_PORT: '70000' })).toThrow(AuditConfigError);
    expect(() => auditConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k', TERMINUSDB_URL: 'ftp://x' })).toThrow(AuditConfigError);
    expect(auditConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k', AUDIT_PORT: '0', AUDIT_HOST: '' })).toMatchObject({ port: 0, host: '127.0.0.1' });
    let name = '';
    try {
      auditConfigFromEnv({});
    } catch (err) {
      name = (err as Error).name;
    }
    expect(name).toBe('AuditConfigError');
  });
});
