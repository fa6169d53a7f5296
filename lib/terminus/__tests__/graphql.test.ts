import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreakerOpenError, CircuitBreaker } from '../../resilience/index.js';
import { Terminus } from '../Terminus.js';
import { TerminusError } from '../TerminusError.js';

// The keep-alive GraphQL POST against a scripted server: credentials, answers, error mapping, retry, breaker.
interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let server: Server;
let url = '';
const seen: Seen[] = [];
let script: ((n: number) => { status: number; body: string } | 'reset')[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const step = script.shift()?.(seen.length) ?? { status: 200, body: '{"data":{}}' };
      if (step === 'reset') return void req.socket.destroy();
      res.writeHead(step.status, { 'content-type': 'application/json' });
      res.end(step.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

const make = (breaker?: CircuitBreaker): Terminus => new Terminus({ url, user: 'admin', key: 'root', organization: 'org', db: 'db' }, breaker === undefined ? {} : { breaker });

describe('Terminus.graphql over node:http', () => {
  it('POSTs query and variables with Basic credentials to the ref path, and sizes the answer', async () => {
    seen.length = 0;
    script = [() => ({ status: 200, body: '{"data":{"Thing":[{"name":"a"}]}}' })];
    const t = make();
    const r = await t.graphqlSized({ commit: 'abc' }, '{ Thing { name } }', { x: 1 });
    expect(r.answer).toEqual({ data: { Thing: [{ name: 'a' }] } });
    expect(r.size).toBe('{"data":{"Thing":[{"name":"a"}]}}'.length);
    expect(seen[0]?.url).toBe('/api/graphql/org/db/local/commit/abc');
    expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from('admin:root').toString('base64')}`);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ query: '{ Thing { name } }', variables: { x: 1 } });
    expect((await t.graphql({ branch: 'main' }, '{ a }')).data).toEqual({});
    expect(seen[1]?.url).toBe('/api/graphql/org/db/local/branch/main');
    expect(JSON.parse(seen[1]?.body ?? '').variables).toEqual({});
    t.close();
  });

  it('returns a 4xx with GraphQL errors as an answer', async () => {
    script = [() => ({ status: 400, body: '{"errors":[{"message":"Cannot query field"}]}' })];
    const a = await make().graphql({ branch: 'main' }, '{ nope }');
    expect(a.errors?.[0]?.message).toBe('Cannot query field');
  });

  it('throws other refusals as TerminusError with the body (not retried)', async () => {
    seen.length = 0;
    script = [() => ({ status: 404, body: '{"@type":"api:ErrorResponse","api:message":"Database does not exist","api:error":{"@type":"api:UnresolvableAbsoluteDescriptor"}}' })];
    const err = (await make().graphql({ branch: 'x' }, '{ a }').catch((e: unknown) => e)) as TerminusError;
    expect(err).toBeInstanceOf(TerminusError);
    expect(err.status).toBe(404);
    expect(err.message).toBe('Database does not exist');
    expect(err.apiErrorType).toBe('api:UnresolvableAbsoluteDescriptor');
    expect(seen).toHaveLength(1);
  });

  it('retries 5xx and dropped connections twice, then fails as transient; the breaker opens', async () => {
    seen.length = 0;
    script = [() => ({ status: 503, body: 'busy' }), () => 'reset', () => ({ status: 200, body: '{"data":{"ok":true}}' })];
    expect((await make().graphql({ branch: 'main' }, '{ ok }')).data).toEqual({ ok: true });
    expect(seen).toHaveLength(3);

    const breaker = new CircuitBreaker('t', { failureThreshold: 1 });
    script = [() => ({ status: 500, body: '{"api:message":"boom"}' }), () => ({ status: 500, body: '{}' }), () => ({ status: 500, body: '{}' })];
    const err = (await make(breaker).graphql({ branch: 'main' }, '{ a }').catch((e: unknown) => e)) as TerminusError;
    expect(err).toBeInstanceOf(TerminusError);
    expect(err.transient).toBe(true);
    await expect(make(breaker).graphql({ branch: 'main' }, '{ a }')).rejects.toBeInstanceOf(BreakerOpenError);
  });

  it('maps a refused connection to status 0 (transient)', async () => {
    const t = new Terminus({ url: 'http://127.0.0.1:1', user: 'u', key: 'k', organization: 'o', db: 'd' });
    const err = (await t.graphql({ branch: 'main' }, '{ a }').catch((e: unknown) => e)) as TerminusError;
    expect(err).toBeInstanceOf(TerminusError);
    expect(err.status).toBe(0);
    expect(err.transient).toBe(true);
  });
});
