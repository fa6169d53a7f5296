import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';

/**
 * graphql-js as `@apollo/subgraph` loads it. graphql 16 ships CommonJS (`index.js`) and ESM
 * (`index.mjs`); Node's ESM loader picks the CommonJS build, but bundler-style resolvers (vitest)
 * pick `index.mjs`, which makes a second graphql-js whose schemas and errors the first rejects
 * ("Cannot use GraphQLSchema from another module or realm"). Every runtime use of graphql-js in this
 * subgraph goes through this one instance; types are imported from 'graphql' as usual.
 */
export const graphql: typeof GraphQL = createRequire(import.meta.url)('graphql') as typeof GraphQL;
