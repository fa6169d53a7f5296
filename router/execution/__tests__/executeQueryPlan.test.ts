import { executeQueryPlan as gatewayExecute, LocalGraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../compose/composeSupergraph.js';
import { buildSchemaGeneration } from '../../schema/SchemaGeneration.js';
import { executePlan } from '../executePlan.js';
import { planOperation } from '../planOperation.js';

/*
 * The router's executor (`executeQueryPlan.ts` + the compiled `shapeResponse.ts`) against
 * `@apollo/gateway`'s own executor on the same plans and subgraphs: the answers must be identical
 * (data, key order, errors with paths and extensions, value-completion errors).
 */

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@shareable"])';
const A_SDL = `${LINK}
type Query { node(id: ID!): Node, nodes: [Node!]!, search: [Result!]!, users: [User!]!, broken: User!, maybe: [User], bad: Color, wrongType: Node }
interface Node { id: ID! }
type User implements Node @key(fields: "id") { id: ID! name: String! friends: [User!]! nick: String }
type Post implements Node @key(fields: "id") { id: ID! title: String author: User }
union Result = User | Post
enum Color { RED GREEN }`;
const B_SDL = `${LINK}
type User @key(fields: "id") { id: ID! name: String! @external greeting: String! @requires(fields: "name") reviews: [Review!] }
type Review { body: String! stars: Int }`;
/** Answered by a data source that returns canned JSON (values a graphql-js subgraph would never send). */
const C_SDL = `${LINK}
type Query { shade: Shade, shades: [Shade!], weird: Thing, count: Int }
enum Shade { LIGHT DARK }
type Thing { id: ID }`;
const C_ANSWER = { data: { shade: 'BLUE', shades: ['LIGHT', 'PURPLE'], weird: { __typename: 'Nope', id: 't' }, count: 'x' } };

const USERS = [1, 2, 3].map((i) => ({ __typename: 'User', id: `u${i}`, name: `User ${i}`, nick: i === 2 ? null : `n${i}` }));
const POSTS = [1, 2].map((i) => ({ __typename: 'Post', id: `p${i}`, title: `Post ${i}`, author: USERS[i - 1] }));

const a = buildSubgraphSchema([
  {
    typeDefs: parse(A_SDL),
    resolvers: {
      Query: {
        node: (_: unknown, { id }: { id: string }) => [...USERS, ...POSTS].find((n) => n.id === id) ?? null,
        nodes: () => [...USERS, ...POSTS],
        search: () => [POSTS[0], USERS[1], POSTS[1]],
        users: () => USERS,
        broken: () => null,
        maybe: () => [USERS[0], null, USERS[2]],
        bad: () => 'BLUE',
        wrongType: () => ({ __typename: 'User', id: 'x', name: 'X' }),
      },
      Node: { __resolveType: (n: { __typename: string }) => n.__typename },
      Result: { __resolveType: (n: { __typename: string }) => n.__typename },
      User: {
        __resolveReference: (ref: { id: string }) => USERS.find((u) => u.id === ref.id) ?? null,
        friends: (u: { id: string }) => {
          if (u.id === 'u3') throw new Error('friends of u3 are private');
          return USERS.filter((f) => f.id !== u.id);
        },
      },
    } as never,
  },
]);
const b = buildSubgraphSchema([
  {
    typeDefs: parse(B_SDL),
    resolvers: {
      User: {
        __resolveReference: (ref: { id: string; name?: string }) => ref,
        greeting: (u: { name: string }) => `Hello ${u.name}`,
        reviews: (u: { id: string }) => {
          if (u.id === 'u2') throw Object.assign(new Error('reviews unavailable'), { extensions: { code: 'REVIEWS_DOWN' } });
          return [{ body: `great (${u.id})`, stars: 5 }, { body: 'meh', stars: null }];
        },
      },
    } as never,
  },
]);

const composed = composeSupergraph([
  { name: 'a', url: 'http://a.invalid/graphql', sdl: A_SDL },
  { name: 'b', url: 'http://b.invalid/graphql', sdl: B_SDL },
  { name: 'c', url: 'http://c.invalid/graphql', sdl: C_SDL },
]);
if (!composed.ok) throw new Error(composed.problems.map((p) => p.message).join('\n'));
const generation = buildSchemaGeneration(composed.supergraphSdl);
const sources: ServiceMap = { a: new LocalGraphQLDataSource(a), b: new LocalGraphQLDataSource(b), c: { process: async () => structuredClone(C_ANSWER) } as never };

async function both(query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<[string, string]> {
  const document = parse(query);
  const planned = planOperation(generation, document, operationName);
  const request = { query, document, operationName, variables };
  const context = { caller: { authenticated: false, sub: 'anonymous', scopes: new Set<string>(), claims: {} }, trace: { traceId: '0'.repeat(32), parentId: '0'.repeat(16), flags: '01' } };
  const ours = await executePlan(generation, planned, sources, request, context);
  const requestContext = {
    request: { query, variables, ...(operationName !== undefined ? { operationName } : {}) },
    document,
    operationName: operationName ?? null,
    operation: planned.operationContext.operation,
    schema: generation.schema,
    queryHash: '',
    context,
    metrics: {},
    logger: console,
    cache: undefined,
    overallCachePolicy: undefined,
  };
  const theirs = await gatewayExecute(planned.plan, sources, requestContext as never, planned.operationContext, generation.supergraphSchema, generation.apiSchema);
  const show = (r: { data?: unknown; errors?: readonly unknown[]; extensions?: unknown }): string =>
    JSON.stringify({ data: r.data, errors: r.errors?.map((e) => ({ ...(e as object), message: (e as Error).message })), extensions: r.extensions });
  return [show(ours), show(theirs)];
}

/** name, query, variables, a text the answer must contain (so that each case exercises what it names). */
const CASES: [string, string, Record<string, unknown>, string][] = [
  ['one fetch, lists and aliases', '{ users { id n: name nick } first: node(id: "u1") { id } }', {}, '"n":"User 2","nick":null'],
  ['entity fetch with @requires', '{ users { id greeting } }', {}, 'Hello User 3'],
  ['interfaces, unions, fragments, __typename', '{ nodes { __typename id ... on User { name t: __typename } ... on Post { title author { name greeting } } } search { ... on Post { id } ...U } } fragment U on User { id name friends { id } }', {}, '"t":"User"'],
  ['@skip/@include with variables and defaults', 'query Q($s: Boolean!, $i: Boolean = false) { users { id name @skip(if: $s) nick @include(if: $i) ... @include(if: $s) { greeting } } }', { s: true }, '{"id":"u1","greeting":"Hello User 1"}'],
  ['@skip/@include, other values', 'query Q($s: Boolean!, $i: Boolean = false) { users { id name @skip(if: $s) nick @include(if: $i) ... @include(if: $s) { greeting } } }', { s: false, i: true }, '{"id":"u1","name":"User 1","nick":"n1"}'],
  ['resolver errors in the root and in entity fetches (hydrated paths)', '{ node(id: "u3") { ... on User { friends { id } } } users { id reviews { body stars } } }', {}, '"path":["users",1,"reviews"]'],
  ['null in a non-null root field', '{ broken { id } }', {}, '"data":null'],
  ['nulls in a nullable list', '{ maybe { id name } }', {}, '[{"id":"u1","name":"User 1"},null,'],
  ['invalid enum values from a graphql-js subgraph', '{ bad }', {}, 'cannot represent value'],
  ['invalid values and __typename in an answer (value completion)', '{ shade shades weird { id } count }', {}, 'valueCompletion'],
  ['value completion next to fetch errors', '{ shade count users { reviews { body } } }', {}, 'reviews unavailable'],
  ['introspection next to data', '{ __typename users { id } __type(name: "User") { name fields { name } } }', {}, '{"name":"greeting"}'],
  ['__typename of an abstract field', '{ wrongType { __typename id } node(id: "p1") { __typename ... on Post { title } } }', {}, '"title":"Post 1"'],
  ['a response key named __proto__', '{ users { __proto__: name id } }', {}, '{"__proto__":"User 1","id":"u1"}'],
  ['variables of entity fetches', 'query Q($id: ID!) { node(id: $id) { ... on User { greeting reviews { stars } } } }', { id: 'u1' }, '"stars":5'],
];

describe('executeQueryPlan (router) = executeQueryPlan (@apollo/gateway)', () => {
  for (const [name, query, variables, shows] of CASES) {
    it(name, async () => {
      const [ours, theirs] = await both(query, variables);
      expect(ours).toContain(shows);
      expect(JSON.parse(ours)).toEqual(JSON.parse(theirs));
      expect(ours).toBe(theirs); // same key order too
    });
  }
});
