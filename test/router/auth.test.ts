import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureSubgraph } from './fixtures/serveSubgraph.js';
import { startAccounts } from './fixtures/fixtureSubgraphs.js';
import { bearer, compose, IDENTITY_KEY, SECRET, startRouter, type RunningRouter } from './fixtures/startRouter.js';

let accounts: FixtureSubgraph;
let r: RunningRouter;
const QUERY = { query: '{ users(first: 1) { id } }' };
const key = new TextEncoder().encode(SECRET);

function jwt(claims: Record<string, unknown> = {}): SignJWT {
  return new SignJWT({ scope: 'read', ...claims }).setSubject('alice').setIssuer('terminus-supergraph').setAudience('terminus-supergraph').setIssuedAt();
}

async function expectUnauthenticated(authorization: string, reason: RegExp): Promise<void> {
  const { status, body, headers } = await r.gql(QUERY, { authorization });
  expect(status).toBe(401);
  expect(headers.get('www-authenticate')).toMatch(/^Bearer/);
  expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(body.errors?.[0]?.message).toMatch(reason);
  expect(body.data).toBeUndefined();
}

beforeAll(async () => {
  accounts = await startAccounts(IDENTITY_KEY);
  r = await startRouter(compose([accounts]), { auth: { required: true } });
});
afterAll(async () => {
  await r[Symbol.asyncDispose]();
  await accounts.close();
});

describe('JWT authentication', () => {
  it('accepts a valid token and passes its subject on', async () => {
    const { status, body } = await r.gql(QUERY, await bearer('alice', ['read']));
    expect(status).toBe(200);
    expect(body.data).toEqual({ users: [{ id: 'u1' }] });
    expect(accounts.calls.at(-1)?.identity.sub).toBe('alice');
  });

  it('refuses a request without a token when tokens are required', async () => {
    const { status, body } = await r.gql(QUERY);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/missing token/);
  });

  it('refuses an expired token', async () => {
    const token = await jwt().setExpirationTime(Math.floor(Date.now() / 1000) - 60).setProtectedHeader({ alg: 'HS256' }).sign(key);
    await expectUnauthenticated(`Bearer ${token}`, /expired/);
  });

  it('refuses a token from another issuer or for another audience', async () => {
    const otherIssuer = await jwt().setIssuer('evil').setExpirationTime('1h').setProtectedHeader({ alg: 'HS256' }).sign(key);
    await expectUnauthenticated(`Bearer ${otherIssuer}`, /"iss"/);
    const otherAudience = await jwt().setAudience('elsewhere').setExpirationTime('1h').setProtectedHeader({ alg: 'HS256' }).sign(key);
    await expectUnauthenticated(`Bearer ${otherAudience}`, /"aud"/);
  });

  it('refuses algorithms outside the allow-list', async () => {
    const hs512 = await jwt().setExpirationTime('1h').setProtectedHeader({ alg: 'HS512' }).sign(key);
    await expectUnauthenticated(`Bearer ${hs512}`, /algorithm/);
    const { privateKey } = await generateKeyPair('RS256');
    const rs256 = await jwt().setExpirationTime('1h').setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    await expectUnauthenticated(`Bearer ${rs256}`, /algorithm/);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const none = new UnsecuredJWT({ scope: 'admin' }).setSubject('mallory').setIssuer('terminus-supergraph').setAudience('terminus-supergraph').setExpirationTime('1h').encode();
    await expectUnauthenticated(`Bearer ${none}`, /token/);
  });

  it('refuses a token signed with another secret or tampered with', async () => {
    const forged = await jwt().setExpirationTime('1h').setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('not-the-secret'));
    await expectUnauthenticated(`Bearer ${forged}`, /signature/);
    const good = (await bearer('alice', ['read']))['authorization'] ?? '';
    const [h, p, s] = good.slice(7).split('.');
    const payload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()), scope: 'admin' })).toString('base64url');
    await expectUnauthenticated(`Bearer ${h}.${payload}.${s}`, /signature/);
  });

  it('refuses a malformed Authorization header', async () => {
    await expectUnauthenticated('Basic YWxpY2U6c2VjcmV0', /Bearer/);
    await expectUnauthenticated('Bearer not.a.jwt', /malformed/);
  });
});
