import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';

/**
 * graphql-js as `@apollo/subgraph` loads it (the CommonJS build), so schemas and errors come from one
 * realm whichever resolver loads this file (see the core subgraph's note). Types come from 'graphql'.
 */
export const graphql: typeof GraphQL = createRequire(import.meta.url)('graphql') as typeof GraphQL;
