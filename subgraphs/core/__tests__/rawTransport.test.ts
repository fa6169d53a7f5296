import { describe, expect, it } from 'vitest';
import { IDENTITY_HEADER, serve, signIdentity, Terminus } from '../../../lib/index.js';
import { createCoreSubgraph } from '../createCoreSubgraph.js';

/*
 * `POST /graphql` served through lib's raw node:http path (what main.ts does) answers exactly as the
 * fetch path does: same status, content type and body. Only operations that need no TerminusDB here
 * (the kernel-backed reads are covered by test/core through the fetch path and by bench/stack).
 */

const KEY = 'raw-transport-key';
// never contacted: these operations do not read TerminusDB
const terminus = new Terminus({ url: 'http://127.0.0.1:9', user: 'admin', key: 'root', organization: 'admin', db: 'none' });

const handler = createCoreSubgraph({ terminus, identityKey: KEY, cacheMb: 0 });

async function both(init: RequestInit, path = '/graphql'): Promise<[string, string]> {
  await using viaRaw = await serve(handler, { raw: handler.raw, drainMs: 50 });
  await using viaFetch = await serve(handler, { drainMs: 50 });
  const show = async (res: Response): Promise<string> => `${res.status} ${res.headers.get('content-type')} ${res.headers.get('allow')} ${await res.text()}`;
  return [await show(await fetch(`${viaRaw.url}${path}`, init)), await show(await fetch(`${viaFetch.url}${path}`, init))];
}

const signed = (): Record<string, string> => ({ 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity({ sub: 'router', scopes: [], traceId: 'a'.repeat(32) }, KEY) });

describe('core subgraph: raw node:http transport', () => {
  const cases: [string, () => RequestInit, RegExp][] = [
    ['a query', () => ({ method: 'POST', headers: signed(), body: JSON.stringify({ query: '{ __typename }' }) }), /^200 .*"__typename":"Query"/],
    ['an unsigned call', () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }), /^403 .*FORBIDDEN/],
    ['a body that is not JSON', () => ({ method: 'POST', headers: signed(), body: '{"query":' }), /^400 .*The body is not JSON/],
    ['an invalid document', () => ({ method: 'POST', headers: signed(), body: JSON.stringify({ query: '{ nope }' }) }), /^400 .*GRAPHQL_VALIDATION_FAILED/],
    ['bad variables', () => ({ method: 'POST', headers: signed(), body: JSON.stringify({ query: '{ __typename }', variables: [1] }) }), /^400 .*variables must be an object/],
  ];
  for (const [name, init, expected] of cases) {
    it(`answers ${name} as the fetch path does`, async () => {
      const [raw, viaFetch] = await both(init());
      expect(raw).toMatch(expected);
      expect(raw).toBe(viaFetch);
    });
  }

  it('leaves other routes and methods to the fetch handler', async () => {
    const [raw, viaFetch] = await both({ method: 'GET', headers: signed() }, '/graphql?query=%7B__typename%7D');
    expect(raw).toMatch(/^200 /);
    expect(raw).toBe(viaFetch);
    const [notFound] = await both({ method: 'POST', headers: signed(), body: '{}' }, '/other');
    expect(notFound).toMatch(/^404 /);
  });
});
