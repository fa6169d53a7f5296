import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../composeSupergraph.js';
import { formatCompositionProblem } from '../compositionProblem.js';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

describe('composeSupergraph', () => {
  it('composes subgraphs into a supergraph', () => {
    const result = composeSupergraph([
      { name: 'a', url: 'http://a/graphql', sdl: `${LINK} type Query { user: User } type User @key(fields: "id") { id: ID! name: String }` },
      { name: 'b', url: 'http://b/graphql', sdl: `${LINK} type User @key(fields: "id") { id: ID! age: Int }` },
    ]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.supergraphSdl).toContain('@join__graph(name: "b", url: "http://b/graphql")');
  });

  it('locates errors by subgraph, type and field, with a hint', () => {
    const result = composeSupergraph([
      { name: 'a', url: 'http://a', sdl: `${LINK} type Query { user: User } type User @key(fields: "id") { id: ID! name: String }`, source: 'a.graphql' },
      { name: 'b', url: 'http://b', sdl: `${LINK} type User @key(fields: "id") { id: ID! name: String }`, source: 'b.graphql' },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems[0]!;
    expect(problem).toMatchObject({ code: 'INVALID_FIELD_SHARING', type: 'User', field: 'name' });
    expect(problem.hint).toMatch(/@shareable/);
    expect(formatCompositionProblem(problem)).toMatch(/^✗ INVALID_FIELD_SHARING \(.*type User, field name/);
  });

  it('reports unparsable SDL with the subgraph name', () => {
    const result = composeSupergraph([{ name: 'broken', url: 'http://x', sdl: 'type Query {', source: 'broken.graphql' }]);
    expect(result.ok ? undefined : result.problems[0]).toMatchObject({ code: 'INVALID_GRAPHQL', subgraph: 'broken', location: 'broken.graphql:1:13', hint: expect.stringMatching(/parses/) });
  });
});
