/**
 * Codegen schema loader: the client-facing (API) schema of a subgraph SDL file — federation
 * machinery (`_entities`, `_service`, `_Any`, link directives) removed. Resolver generation with
 * `federation: true` adds back what resolvers need (`__resolveReference`).
 */
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLObjectType, GraphQLSchema, parse, type GraphQLNamedType } from 'graphql';

const HIDDEN_TYPES = new Set(['_Service', '_Entity', '_Any', 'FieldSet', 'link__Import', 'link__Purpose']);

export default function loadApiSchema(path: string): GraphQLSchema {
  const config = buildSubgraphSchema({ typeDefs: parse(readFileSync(path, 'utf8')) }).toConfig();
  const query = config.query;
  let api: GraphQLObjectType | undefined;
  if (query !== undefined && query !== null) {
    const q = query.toConfig();
    const { _entities: _e, _service: _s, ...fields } = q.fields;
    api = new GraphQLObjectType({ ...q, fields });
  }
  const types = config.types
    .filter((t: GraphQLNamedType) => !HIDDEN_TYPES.has(t.name) && !t.name.startsWith('federation__'))
    .map((t) => (api !== undefined && t.name === api.name ? api : t));
  return new GraphQLSchema({
    ...config,
    query: api ?? null,
    types,
    directives: config.directives.filter((d) => !d.name.startsWith('link') && !d.name.startsWith('federation__')),
  });
}
