// Server endpoints: /api/ok, /api/info, /api/, authentication, unknown paths, methods, CORS.
// Sources: TerminusDB tests/test/info_ok.js, 404.js, 405.js, response-headers.js; reference §1.1, §1.2, §3.1-3.3.
import { afterAll, describe, expect, it } from 'vitest';
import { startTarget } from './harness.js';

const target = await startTarget();
afterAll(() => target.close());

describe('GET /api/ok', () => {
  it('answers 200 with an empty body and no credentials', async () => {
    const res = await target.request('GET', '/api/ok', { auth: false });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('0');
    expect(res.text).toBe('');
  });

  it.each(['POST', 'PUT'])('refuses %s with 405', async (method) => {
    const res = await target.request(method, '/api/ok', { auth: false });
    expect(res.status).toBe(405);
  });
});

describe('GET /api/info', () => {
  it('describes the server to an anonymous caller', async () => {
    const res = await target.request('GET', '/api/info', { auth: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      '@type': 'api:InfoResponse',
      'api:status': 'api:success',
      'api:info': {
        authority: 'terminusdb://system/data/User/anonymous',
        storage: { version: '2' },
        terminusdb: { version: expect.stringMatching(/^\d+\.\d+\.\d+/), git_hash: expect.any(String) },
        terminusdb_store: { version: expect.stringMatching(/./) },
      },
    });
  });

  it('names the authenticated user as authority (client info())', async () => {
    const body = await target.client().info();
    expect(body['api:info'].authority).toBe('terminusdb://system/data/User/admin');
  });

  it('lets the official client connect()', async () => {
    await expect(target.client().connect()).resolves.toBeDefined();
  });
});

describe('GET /api/', () => {
  it('lists the databases the caller can reach', async () => {
    await using db = await target.withDatabase();
    const res = await target.request('GET', '/api/');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.arrayContaining([expect.objectContaining({ name: db.name })]));
  });

  it('gives an anonymous caller an empty list', async () => {
    await using _db = await target.withDatabase();
    const res = await target.request('GET', '/api/', { auth: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });
});

describe('Authentication', () => {
  it('answers wrong Basic credentials with 401 IncorrectAuthenticationError', async () => {
    const res = await target.request('GET', '/api/db', { auth: { user: 'admin', password: 'wrong-password' } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      '@type': 'api:ErrorResponse',
      'api:status': 'api:failure',
      'api:error': { '@type': 'api:IncorrectAuthenticationError' },
      'api:message': 'Incorrect authentication information',
    });
  });

  it('answers an unknown user with 401', async () => {
    const res = await target.request('GET', '/api/info', { auth: { user: 'nobody-here', password: 'x' } });
    expect(res.status).toBe(401);
    expect(res.body['api:error']).toEqual({ '@type': 'api:IncorrectAuthenticationError' });
  });
});

describe('Unknown paths', () => {
  // 404.js: the endpoint prefixes without a resource path are unknown paths too.
  it.each(['/api', '/api/abc', '/api/document', '/api/branch', '/api/reset'])('answers GET %s with 404', async (path) => {
    const res = await target.request('GET', path);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      'api:status': 'api:not_found',
      'api:path': path,
      'api:message': `Path not found: ${path}`,
    });
    expect(res.body['@type']).toBeUndefined();
  });
});

describe('CORS', () => {
  const origin = 'http://example.com';

  it('answers OPTIONS with the CORS headers', async () => {
    const res = await target.request('OPTIONS', '/api/info', { auth: false, headers: { Origin: origin } });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const methods = (res.headers.get('access-control-allow-methods') ?? '').split(/\s*,\s*/);
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']));
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'x-http-method-override']) {
      expect(allowed).toContain(header);
    }
  });

  it('adds Access-Control-Allow-Origin to ordinary responses with an Origin', async () => {
    const res = await target.request('GET', '/api/info', { headers: { Origin: origin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  });
});
