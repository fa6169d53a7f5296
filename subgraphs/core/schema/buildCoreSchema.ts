import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { graphql } from '../graphqlRuntime.js';
import type { Model } from '../manifest.js';
import { createResolvers } from '../resolvers/createResolvers.js';

const { parse } = graphql;

/** The generated SDL of the core subgraph (`schema.graphql`, written by the ontology compiler). */
export const CORE_SDL: string = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');

/** The executable subgraph schema: the generated SDL with the manifest-driven resolvers. */
export function buildCoreSchema(model: Model, sdl: string = CORE_SDL): GraphQLSchema {
  const resolvers = createResolvers(model) as unknown as Parameters<typeof buildSubgraphSchema>[0] extends infer P
    ? P extends { resolvers?: infer R } ? R : never
    : never;
  return buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
}
