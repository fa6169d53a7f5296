// Database endpoints /api/db: create, exists, list, update, delete, name validation, prefixes.
// Sources: TerminusDB tests/test/db-auth.js, db-name-validation.js, document-get.js (context); reference §3.4, §3.5.
import { afterAll, describe, expect, it } from 'vitest';
import { expectApiError, failure } from './expectations.js';
import { randomName, startTarget } from './harness.js';

const target = await startTarget();
afterAll(() => target.close());

const DEFAULT_CONTEXT = { '@type': '@context', '@base': 'terminusdb:///data/', '@schema': 'terminusdb:///schema#' };

describe('Database create', () => {
  it('creates a database and answers DbCreateResponse', async () => {
    const name = randomName('db');
    const client = target.client();
    try {
      const body = await client.createDatabase(name, { label: 'L', comment: 'C', schema: true });
      expect(body).toMatchObject({ '@type': 'api:DbCreateResponse', 'api:status': 'api:success' });
      expect(body['api:database_uri']).toMatch(/^terminusdb:\/\/system\/data\/UserDatabase\/./);
      expect(await client.hasDatabase(target.user, name)).toBe(true);
    } finally {
      await target.request('DELETE', `/api/db/${target.user}/${name}`);
    }
  });

  it('refuses an existing name with DatabaseAlreadyExists', async () => {
    await using db = await target.withDatabase();
    const res = await failure(target.client().createDatabase(db.name, { label: 'again' }));
    expectApiError(res, 400, 'api:DbCreateErrorResponse', {
      '@type': 'api:DatabaseAlreadyExists',
      'api:database_name': db.name,
      'api:organization_name': target.user,
    });
  });

  it('refuses an unknown organization with 404 UnknownOrganizationName', async () => {
    const org = randomName('org');
    const res = await target.request('POST', `/api/db/${org}/x`, { json: { label: 'x' } });
    expectApiError(res, 404, 'api:DbCreateErrorResponse', {
      '@type': 'api:UnknownOrganizationName',
      'api:organization_name': org,
    });
  });

  it('requires a label', async () => {
    const res = await target.request('POST', `/api/db/${target.user}/${randomName('db')}`, { json: {} });
    expectApiError(res, 400, 'api:DbCreateErrorResponse', {
      '@type': 'api:MissingParameter',
      'api:parameter': 'label',
    });
  });

  it.each([['@base'], ['@schema']])('refuses a non-IRI %s prefix with InvalidPrefix', async (prefix) => {
    const res = await target.request('POST', `/api/db/${target.user}/${randomName('db')}`, {
      json: { label: 'x', prefixes: { [prefix]: 'x' } },
    });
    expectApiError(res, 400, 'api:DbCreateErrorResponse', {
      '@type': 'api:InvalidPrefix',
      'api:prefix_name': prefix,
      'api:prefix_value': 'x',
    });
  });

  it('starts with the default @context as the only schema document', async () => {
    await using db = await target.withDatabase();
    const schema = await db.client.getSchema(db.name);
    expect(schema).toEqual([DEFAULT_CONTEXT]);
  });

  it('merges custom prefixes over the defaults (getPrefixes)', async () => {
    await using db = await target.withDatabase({
      prefixes: { '@base': 'http://example.com/data/', ex: 'http://example.com/ns#' },
    });
    const prefixes = await db.client.getPrefixes(db.name);
    expect(prefixes).toEqual({
      '@type': 'Context',
      '@base': 'http://example.com/data/',
      '@schema': 'terminusdb:///schema#',
      ex: 'http://example.com/ns#',
    });
  });
});

describe('Database names', () => {
  // db-name-validation.js
  it('refuses a name with pipes', async () => {
    const res = await target.request('POST', '/api/db/no_n_existent/it|has|pipes', { json: { label: 'x' } });
    expectApiError(res, 400, 'api:DbCreateErrorResponse', {
      '@type': 'api:InvalidDatabaseName',
      'api:database_name': 'it|has|pipes',
    });
  });

  it('refuses an empty organization name', async () => {
    const res = await target.request('POST', '/api/db//foo', { json: { label: 'x' } });
    expectApiError(res, 400, 'api:DbCreateErrorResponse', {
      '@type': 'api:InvalidOrganizationName',
      'api:organization_name': '',
    });
  });

  it('refuses deleting a name with pipes', async () => {
    const res = await target.request('DELETE', '/api/db/no_n_existent/it|has|pipes');
    expectApiError(res, 400, 'api:DbDeleteErrorResponse', {
      '@type': 'api:InvalidDatabaseName',
      'api:database_name': 'it|has|pipes',
    });
  });

  it('refuses organization + database names longer than 246 characters', async () => {
    const name = 'a'.repeat(247 - target.user.length);
    const res = await target.request('POST', `/api/db/${target.user}/${name}`, { json: { label: 'x' } });
    expectApiError(res, 400, 'api:DbCreateErrorResponse', { '@type': 'api:DatabaseNameTooLong' });
  });
});

describe('Database exists and list', () => {
  it('answers hasDatabase() false for an unknown database', async () => {
    expect(await target.client().hasDatabase(target.user, randomName('none'))).toBe(false);
  });

  it('answers HEAD with 200 and no body', async () => {
    await using db = await target.withDatabase();
    const res = await target.request('HEAD', `/api/db/${db.path}`);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });

  it('lists the database by path', async () => {
    await using db = await target.withDatabase();
    const res = await target.request('GET', '/api/db');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.arrayContaining([{ path: db.path }]));
  });

  it('lists branches with branches=true', async () => {
    await using db = await target.withDatabase();
    const res = await target.request('GET', `/api/db/${db.path}`, { query: { branches: true } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ path: db.path, branches: ['main'] });
  });

  it('merges the system record with verbose=true', async () => {
    await using db = await target.withDatabase({ label: 'The label', comment: 'The comment' });
    const res = await target.request('GET', `/api/db/${db.path}`, { query: { verbose: true } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      '@type': 'UserDatabase',
      name: db.name,
      label: 'The label',
      comment: 'The comment',
      state: 'finalized',
      path: db.path,
    });
  });
});

describe('Database update', () => {
  it('changes label and comment', async () => {
    await using db = await target.withDatabase();
    const body = await db.client.updateDatabase({ id: db.name, label: 'New label', comment: 'New comment' });
    expect(body).toEqual({ '@type': 'api:DbUpdatedResponse', 'api:status': 'api:success' });
    const res = await target.request('GET', `/api/db/${db.path}`, { query: { verbose: true } });
    expect(res.body).toMatchObject({ label: 'New label', comment: 'New comment' });
  });
});

describe('Database delete', () => {
  it('deletes and answers DbDeleteResponse', async () => {
    const db = await target.withDatabase();
    const body = await target.client().deleteDatabase(db.name, target.user);
    expect(body).toEqual({ '@type': 'api:DbDeleteResponse', 'api:status': 'api:success' });
    expect(await target.client().hasDatabase(target.user, db.name)).toBe(false);
  });

  it('answers a second delete with 404 UnknownDatabase', async () => {
    // db-auth.js 'fails on deleting nonexistent database'
    const db = await target.withDatabase();
    await db.delete();
    const res = await target.request('DELETE', `/api/db/${db.path}`);
    expectApiError(res, 404, 'api:DbDeleteErrorResponse', {
      '@type': 'api:UnknownDatabase',
      'api:organization_name': target.user,
      'api:database_name': db.name,
    });
  });

  it('makes document reads fail with UnknownDatabase', async () => {
    const db = await target.withDatabase();
    await db.delete();
    const res = await target.request('GET', `/api/document/${db.path}`);
    expectApiError(res, 404, 'api:GetDocumentErrorResponse', {
      '@type': 'api:UnknownDatabase',
      'api:organization_name': target.user,
      'api:database_name': db.name,
    });
  });
});
