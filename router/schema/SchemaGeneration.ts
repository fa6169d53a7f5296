import { createHash } from 'node:crypto';
import { Supergraph, ROUTER_SUPPORTED_SUPERGRAPH_FEATURES, type Schema } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { GraphQLSchema } from 'graphql/index.js';
import { readAuthDirectives, type AuthDirectives } from '../auth/authDirectives.js';

/** One loaded supergraph: everything a request needs, immutable; swapped whole on reload. */
export interface SchemaGeneration {
  /** sha256 of the SDL (hex, 16 chars): the "schema hash" of cache keys. */
  readonly id: string;
  readonly sdl: string;
  readonly supergraph: Supergraph;
  /** The API schema (federation model) the planner works on. */
  readonly apiSchema: Schema;
  /** The API schema clients see (graphql-js): validation, introspection. */
  readonly schema: GraphQLSchema;
  /** The full supergraph schema (graphql-js) the executor needs. */
  readonly supergraphSchema: GraphQLSchema;
  readonly planner: QueryPlanner;
  readonly subgraphs: readonly { readonly name: string; readonly url: string }[];
  readonly authDirectives: AuthDirectives;
  /** When it was loaded (ms). */
  readonly loadedAt: number;
}

/** The schema hash of an SDL. */
export function schemaHash(sdl: string): string {
  return createHash('sha256').update(sdl).digest('hex').slice(0, 16);
}

/**
 * Builds a generation from a composed supergraph SDL. Accepts the security features
 * (`@authenticated`, `@requiresScopes`) that `@apollo/gateway` refuses. Throws on an invalid supergraph.
 */
export function buildSchemaGeneration(sdl: string): SchemaGeneration {
  const supergraph = Supergraph.build(sdl, { supportedFeatures: ROUTER_SUPPORTED_SUPERGRAPH_FEATURES, validateSupergraph: true });
  const apiSchema = supergraph.apiSchema();
  return {
    id: schemaHash(sdl),
    sdl,
    supergraph,
    apiSchema,
    schema: apiSchema.toGraphQLJSSchema(),
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    planner: new QueryPlanner(supergraph),
    subgraphs: supergraph.subgraphsMetadata().map((s) => ({ name: s.name, url: s.url })),
    authDirectives: readAuthDirectives(sdl),
    loadedAt: Date.now(),
  };
}
