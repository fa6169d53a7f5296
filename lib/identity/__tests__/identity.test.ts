import { describe, expect, it } from 'vitest';
import { IdentityError, signIdentity, verifyIdentity } from '../identity.js';

describe('router identity', () => {
  const who = { sub: 'alice', scopes: ['read', 'pii:read'], traceId: '0af7651916cd43dd8448eb211c80319c' };

  it('round-trips a signed identity', () => {
    expect(verifyIdentity(signIdentity(who, 'k', 1000), 'k', { now: 2000 })).toEqual(who);
  });

  it('refuses another key, a tampered body, and a stale or future stamp', () => {
    const signed = signIdentity(who, 'k', 1000);
    expect(() => verifyIdentity(signed, 'other', { now: 1000 })).toThrow(IdentityError);
    const [body, sig] = signed.split('.');
    const forged = Buffer.from(JSON.stringify({ ...who, scopes: ['admin'], iat: 1000 })).toString('base64url');
    expect(() => verifyIdentity(`${forged}.${sig}`, 'k', { now: 1000 })).toThrow('bad router identity signature');
    expect(body).toBeDefined();
    expect(() => verifyIdentity(signed, 'k', { now: 1000 + 61_000 })).toThrow('expired');
    expect(() => verifyIdentity(signed, 'k', { now: 1000 - 6_000 })).toThrow('expired');
    expect(() => verifyIdentity(undefined, 'k')).toThrow('missing');
    expect(() => verifyIdentity('a.b.c', 'k')).toThrow('malformed');
  });
});
