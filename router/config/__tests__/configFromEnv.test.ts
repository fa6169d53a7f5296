import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../configFromEnv.js';

const dev = async () => ({ jwtSecret: 'dev-secret', identityKey: 'dev-key' });

describe('configFromEnv', () => {
  it('fills defaults and the dev secrets', async () => {
    const { router, listen, devSecret } = await configFromEnv({ SUPERGRAPH: 's.graphql' }, dev);
    expect(listen).toEqual({ port: 4000, host: '127.0.0.1', drainMs: 10_000 });
    expect(devSecret).toBe(true);
    expect(router.auth).toMatchObject({ required: false, secret: 'dev-secret', algorithms: ['HS256'], issuer: 'terminus-supergraph' });
    expect(router.identityKey).toBe('dev-key');
    expect(router.limits).toMatchObject({ maxDepth: 15, maxBodyBytes: 4 * 1024 * 1024 });
  });

  it('reads every kind of value', async () => {
    const { router } = await configFromEnv(
      { SUPERGRAPH: 's', JWT_JWKS_URL: 'https://idp/jwks', ROUTER_IDENTITY_KEY: 'k', AUTH_REQUIRED: 'yes', ROUTER_SUBGRAPH_TIMEOUTS: 'core=500, audit=900', ROUTER_AUTHZ_MODE: 'reject', ROUTER_MAX_COST: '0', JWT_JWKS_COOLDOWN_MS: '1000' },
      dev,
    );
    expect(router.auth).toMatchObject({ required: true, jwksUrl: 'https://idp/jwks', algorithms: ['RS256', 'ES256', 'EdDSA'], jwksCooldownMs: 1000, jwksMaxAgeMs: 600_000 });
    expect(router.auth.secret).toBeUndefined();
    expect(router.subgraphs.timeouts).toEqual({ core: 500, audit: 900 });
    expect(router.authorization.mode).toBe('reject');
    expect(router.limits.maxCost).toBe(0);
  });

  it('says which variable is wrong', async () => {
    await expect(configFromEnv({}, dev)).rejects.toThrow(/set SUPERGRAPH=/);
    await expect(configFromEnv({ SUPERGRAPH: 's', PORT: 'eighty' }, dev)).rejects.toThrow(/PORT must be a non-negative integer/);
    await expect(configFromEnv({ SUPERGRAPH: 's', AUTH_REQUIRED: 'maybe' }, dev)).rejects.toThrow(/AUTH_REQUIRED must be true or false/);
    await expect(configFromEnv({ SUPERGRAPH: 's', JWT_ALGORITHMS: 'HS256,none' }, dev)).rejects.toThrow(/never "none"/);
    await expect(configFromEnv({ SUPERGRAPH: 's', ROUTER_ONLY_TRUSTED: 'true' }, dev)).rejects.toThrow(/ROUTER_TRUSTED_DOCUMENTS/);
  });
});
