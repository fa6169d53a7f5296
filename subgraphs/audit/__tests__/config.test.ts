import { describe, expect, it } from 'vitest';
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
});
