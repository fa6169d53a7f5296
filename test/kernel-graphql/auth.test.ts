// Authentication: the GraphQL endpoint uses the same Basic auth as every endpoint (§1.2, §11):
// bad credentials → 401; no credentials → the anonymous user, who may not read a private
// database → 403 in GraphQL's `{"errors": [...]}` shape; the 401 is the server-wide
// `api:IncorrectAuthenticationError` body (authentication runs before the endpoint).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlDatabase, type GraphQLDatabase } from './fixture.js';

let t: GraphQLDatabase;
beforeAll(async () => {
  t = await graphqlDatabase();
});
afterAll(() => t.close());

describe('GraphQL authentication', () => {
  it('answers 403 without credentials (anonymous on a private database), POST and GET', async () => {
    const post = await t.gql('query { Cat { name } }', undefined, { auth: false });
    expect(post.status).toBe(403);
    expect(post.body.errors.length).toBeGreaterThan(0);
    const get = await t.gql('query { Cat { name } }', undefined, { auth: false, method: 'GET' });
    expect(get.status).toBe(403);
  });

  it('answers 401 with a wrong password or an unknown user', async () => {
    const wrong = await t.gql('query { Cat { name } }', undefined, { auth: { user: t.target.user, password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body['api:error']).toEqual({ '@type': 'api:IncorrectAuthenticationError' });
    const unknown = await t.gql('query { Cat { name } }', undefined, { auth: { user: 'nobody-here', password: 'x' } });
    expect(unknown.status).toBe(401);
  });

  it('does not run a mutation without credentials', async () => {
    const before = await t.db.head();
    const res = await t.gql('mutation { _insertDocuments(json: "{\\"@type\\":\\"Cat\\",\\"name\\":\\"Intruder\\"}") }', undefined, { auth: false });
    expect(res.status).toBe(403);
    expect(await t.db.head()).toBe(before);
  });

  it('answers with valid credentials', async () => {
    const ok = await t.gql('query { Cat { name } }', undefined, { auth: { user: t.target.user, password: t.target.password } });
    expect(ok.status).toBe(200);
    expect(ok.body.data.Cat).toHaveLength(2);
  });
});
