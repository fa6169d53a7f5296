import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../router/index.js';
import { startAccounts } from './fixtures/fixtureSubgraphs.js';
import { compose, IDENTITY_KEY, startRouter } from './fixtures/startRouter.js';

const QUERY = 'query Users { users(first: 1) { id } }';
const pq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('Automatic persisted queries', () => {
  it('asks for the query, stores it, then serves it by hash', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]));
    const hash = sha256(QUERY);
    const miss = await r.gql({ extensions: pq(hash) });
    expect(miss.status).toBe(200);
    expect(miss.body.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    const register = await r.gql({ query: QUERY, extensions: pq(hash) });
    expect(register.body).toEqual({ data: { users: [{ id: 'u1' }] } });
    const hit = await r.gql({ extensions: pq(hash) });
    expect(hit.body).toEqual({ data: { users: [{ id: 'u1' }] } });
    const get = await fetch(`${r.url}?extensions=${encodeURIComponent(JSON.stringify(pq(hash)))}`);
    expect(await get.json()).toEqual({ data: { users: [{ id: 'u1' }] } });
  });

  it('refuses a hash that does not match the query', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]));
    const { status, body } = await r.gql({ query: QUERY, extensions: pq(sha256('other')) });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toBe('provided sha does not match query');
  });
});

describe('Trusted documents', () => {
  it('runs only documents of the manifest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'router-pq-'));
    const manifest = join(dir, 'persisted-documents.json');
    const hash = sha256(QUERY);
    await writeFile(manifest, JSON.stringify({ [hash]: QUERY }));
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]), { persistedQueries: { manifestFile: manifest, onlyTrusted: true } });
    expect((await r.gql({ documentId: `sha256:${hash}` })).body).toEqual({ data: { users: [{ id: 'u1' }] } });
    expect((await r.gql({ extensions: pq(hash) })).body).toEqual({ data: { users: [{ id: 'u1' }] } });
    expect((await r.gql({ query: QUERY })).body).toEqual({ data: { users: [{ id: 'u1' }] } });
    const other = await r.gql({ query: '{ users { name } }' });
    expect(other.status).toBe(400);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_TRUSTED');
    const unknown = await r.gql({ documentId: 'abc' });
    expect(unknown.body.errors?.[0]?.message).toBe('document abc is not in the trusted documents manifest');
  });
});
