import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccounts } from './fixtures/fixtureSubgraphs.js';
import type { FixtureSubgraph } from './fixtures/serveSubgraph.js';
import { bearer, compose, IDENTITY_KEY, startRouter, type RunningRouter } from './fixtures/startRouter.js';

/*
 * `POST /graphql` goes through lib's raw node:http path (as router/main.ts serves it) or through the
 * fetch handler (`fetchOnly`): both must answer the same status, headers that matter, and body.
 */

let accounts: FixtureSubgraph;
let viaRaw: RunningRouter;
let viaFetch: RunningRouter;

beforeAll(async () => {
  accounts = await startAccounts(IDENTITY_KEY);
  const sdl = compose([accounts]);
  const options = { limits: { maxBodyBytes: 2048 } };
  viaRaw = await startRouter(sdl, options);
  viaFetch = await startRouter(sdl, options, { fetchOnly: true });
});

afterAll(async () => {
  await viaRaw[Symbol.asyncDispose]();
  await viaFetch[Symbol.asyncDispose]();
  await accounts.close();
});

/** POSTs raw bytes (no client-side JSON) and returns what matters of the answer. */
function post(url: string, body: string | Buffer, headers: Record<string, string>, chunked = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(`${res.statusCode} ${res.headers['content-type']} ${res.headers['www-authenticate'] ?? '-'} ${Buffer.concat(chunks).toString('utf8')}`));
    });
    req.on('error', reject);
    if (chunked) {
      const text = Buffer.from(body);
      for (let i = 0; i < text.length; i += 512) req.write(text.subarray(i, i + 512));
      req.end();
    } else req.end(body);
  });
}

describe('router transports: raw node:http and fetch answer alike', () => {
  const JSON_TYPE = { 'content-type': 'application/json' };
  const cases: [string, () => Promise<[string | Buffer, Record<string, string>, boolean?]>, RegExp][] = [
    ['a query with a token and a UTF-8 variable', async () => [JSON.stringify({ query: 'query($id: ID!) { user(id: $id) { id name } }', variables: { id: 'ü1' } }), { ...JSON_TYPE, ...(await bearer('alice', ['read'])) }], /^200 application\/json.*"user":null/],
    ['a query answered with data', async () => [JSON.stringify({ query: '{ users(first: 2) { id name } }' }), JSON_TYPE], /^200 .*"name":"User 2"/],
    ['a declared body past the limit', async () => [JSON.stringify({ query: `{ users { id } }${' '.repeat(4096)}` }), JSON_TYPE], /^413 .*PAYLOAD_TOO_LARGE/],
    ['a chunked body past the limit', async () => [JSON.stringify({ query: `{ users { id } }${' '.repeat(4096)}` }), JSON_TYPE, true], /^413 .*PAYLOAD_TOO_LARGE/],
    ['malformed JSON', async () => ['{"query": ', JSON_TYPE], /^400 .*not valid JSON/],
    ['an unsupported content type', async () => ['query=x', { 'content-type': 'application/x-www-form-urlencoded' }], /^400 .*is not supported/],
    ['a bad token', async () => [JSON.stringify({ query: '{ users(first: 1) { id } }' }), { ...JSON_TYPE, authorization: 'Bearer not.a.jwt' }], /^401 application\/json.* Bearer error="invalid_token".*UNAUTHENTICATED/],
    ['an invalid document', async () => [JSON.stringify({ query: '{ nope }' }), JSON_TYPE], /^400 .*GRAPHQL_VALIDATION_FAILED/],
  ];
  for (const [name, make, expected] of cases) {
    it(name, async () => {
      const [body, headers, chunked] = await make();
      const raw = await post(viaRaw.url, body, headers, chunked);
      const fetched = await post(viaFetch.url, body, headers, chunked);
      expect(raw).toMatch(expected);
      expect(raw).toBe(fetched);
    });
  }

  it('keeps serving on the same connection after refusals', async () => {
    for (const r of [viaRaw, viaFetch]) {
      expect((await r.gql('{"query": ')).status).toBe(400);
      expect((await r.gql({ query: '{ users(first: 1) { id } }' })).body).toEqual({ data: { users: [{ id: 'u1' }] } });
    }
  });
});
