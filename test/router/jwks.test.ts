import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccounts } from './fixtures/fixtureSubgraphs.js';
import type { FixtureSubgraph } from './fixtures/serveSubgraph.js';
import { compose, IDENTITY_KEY, startRouter, type RunningRouter } from './fixtures/startRouter.js';

/*
 * JWT verification against a JWKS endpoint: a real local HTTP server serving the public keys of
 * generated key pairs; keys rotate by changing what it serves.
 */

interface KeyPair {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function keyPair(kid: string, alg: 'RS256' | 'ES256'): Promise<KeyPair> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function token(signWith: KeyPair, kid: string = signWith.kid, sub = 'alice'): Promise<string> {
  return new SignJWT({ scope: 'read' })
    .setProtectedHeader({ alg: signWith.alg, kid })
    .setSubject(sub)
    .setIssuer('terminus-supergraph')
    .setAudience('terminus-supergraph')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(signWith.privateKey);
}

let served: JWK[] = [];
let fetches = 0;
let jwks: Server;
let accounts: FixtureSubgraph;
let r: RunningRouter;
let k1: KeyPair;
let k2: KeyPair;
let stranger: KeyPair;

beforeAll(async () => {
  [k1, k2, stranger] = await Promise.all([keyPair('k1', 'RS256'), keyPair('k2', 'ES256'), keyPair('k3', 'RS256')]);
  served = [k1.jwk];
  jwks = createServer((req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: served }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  accounts = await startAccounts(IDENTITY_KEY);
  // cooldown 0: a token with an unknown kid may refetch the key set at once (key rotation in a test's time)
  r = await startRouter(compose([accounts]), { auth: { required: true, jwksUrl: url, jwksCooldownMs: 0 } });
});

afterAll(async () => {
  await r[Symbol.asyncDispose]();
  await accounts.close();
  await new Promise((resolve) => jwks.close(resolve));
});

const QUERY = { query: '{ users(first: 1) { id } }' };

async function expectUnauthenticated(authorization: string, reason: RegExp): Promise<void> {
  const { status, body, headers } = await r.gql(QUERY, { authorization });
  expect(status).toBe(401);
  expect(headers.get('content-type')).toMatch(/^application\/json/);
  expect(headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  expect(body.data).toBeUndefined();
  expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(body.errors?.[0]?.message).toMatch(reason);
}

describe('JWT verification against a JWKS endpoint', () => {
  it('accepts a token signed with a served key and passes its subject on', async () => {
    const { status, body } = await r.gql(QUERY, { authorization: `Bearer ${await token(k1)}` });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { users: [{ id: 'u1' }] } });
    expect(accounts.calls.at(-1)?.identity).toMatchObject({ sub: 'alice', scopes: ['read'] });
    expect(fetches).toBe(1);
  });

  it('fetches the key set again for a new kid after key rotation', async () => {
    served = [k2.jwk]; // rotation: k1 retired, k2 (another algorithm) in use
    const before = fetches;
    const { status, body } = await r.gql(QUERY, { authorization: `Bearer ${await token(k2, 'k2', 'bob')}` });
    expect(status).toBe(200);
    expect(body.data).toEqual({ users: [{ id: 'u1' }] });
    expect(accounts.calls.at(-1)?.identity.sub).toBe('bob');
    expect(fetches).toBe(before + 1);
    // k1 is no longer served: a new token signed with it is refused
    await expectUnauthenticated(`Bearer ${await token(k1, 'k1', 'carol')}`, /no key matches the token/);
  });

  it('refuses a token whose kid no endpoint key has, with a 401 JSON error', async () => {
    await expectUnauthenticated(`Bearer ${await token(stranger)}`, /no key matches the token/);
  });

  it('refuses a token that names a served kid but is signed with another key', async () => {
    const forged = await token({ ...stranger, alg: 'ES256', privateKey: (await generateKeyPair('ES256')).privateKey }, 'k2');
    await expectUnauthenticated(`Bearer ${forged}`, /signature is invalid/);
  });

  it('keeps serving valid tokens after refusals', async () => {
    const { status } = await r.gql(QUERY, { authorization: `Bearer ${await token(k2, 'k2', 'dave')}` });
    expect(status).toBe(200);
  });
});
