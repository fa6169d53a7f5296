import { describe, expect, it } from 'vitest';
import { json } from '../../http/index.js';
import { IDENTITY_HEADER, signIdentity } from '../../identity/index.js';
import { createServiceHandler } from '../createServiceHandler.js';

const KEY = 'test-key';
const ops = async (request: Request): Promise<Response | undefined> => (new URL(request.url).pathname === '/healthz' ? json({ status: 'ok' }) : undefined);
const handler = (identityKey: string | null, identityMaxAgeMs?: number) =>
  createServiceHandler({
    ops,
    identityKey,
    identityMaxAgeMs,
    routes: {
      '/graphql': { methods: ['GET', 'POST'], handle: (_request, identity) => json({ route: 'graphql', identity }) },
      '/nudge': { methods: ['POST'], handle: async (request) => json({ route: 'nudge', body: await request.text() }, 202) },
    },
  });
const signed = (sub = 'alice', now?: number) => ({ [IDENTITY_HEADER]: signIdentity({ sub, scopes: ['read'] }, KEY, now) });
const call = async (h: (r: Request) => Promise<Response>, path: string, init: RequestInit = {}) => {
  const res = await h(new Request(`http://svc${path}`, init));
  return { status: res.status, allow: res.headers.get('allow'), body: (await res.json()) as Record<string, unknown> };
};

describe('createServiceHandler', () => {
  it('answers ops routes first, without an identity', async () => {
    expect(await call(handler(KEY), '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('passes the verified identity to the route', async () => {
    expect(await call(handler(KEY), '/graphql', { headers: signed() })).toMatchObject({ status: 200, body: { route: 'graphql', identity: { sub: 'alice', scopes: ['read'] } } });
    expect(await call(handler(KEY), '/nudge', { method: 'POST', headers: signed(), body: 'x' })).toMatchObject({ status: 202, body: { route: 'nudge', body: 'x' } });
  });

  it('refuses requests without a valid router identity with 403 FORBIDDEN', async () => {
    const missing = await call(handler(KEY), '/graphql');
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ errors: [{ message: expect.stringMatching(/^Requests must come through the router: /), extensions: { code: 'FORBIDDEN' } }] });
    const wrongKey = await call(handler('other-key'), '/graphql', { headers: signed() });
    expect(wrongKey.status).toBe(403);
    const old = await call(handler(KEY, 1_000), '/graphql', { headers: signed('alice', Date.now() - 5_000) });
    expect(old.status).toBe(403);
  });

  it('lets everyone in as anonymous when the check is off', async () => {
    expect(await call(handler(null), '/graphql')).toMatchObject({ status: 200, body: { identity: { sub: 'anonymous', scopes: [] } } });
  });

  it('answers 405 with allow before checking the identity, and 404 NOT_FOUND for other paths', async () => {
    expect(await call(handler(KEY), '/nudge')).toEqual({ status: 405, allow: 'POST', body: { errors: [{ message: 'Method not allowed' }] } });
    expect(await call(handler(KEY), '/graphql', { method: 'PUT' })).toEqual({ status: 405, allow: 'GET, POST', body: { errors: [{ message: 'Method not allowed' }] } });
    expect(await call(handler(KEY), '/other', { headers: signed() })).toEqual({ status: 404, allow: null, body: { errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] } });
    expect(await call(handler(KEY), '/constructor')).toMatchObject({ status: 404 });
  });
});
