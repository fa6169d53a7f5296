/**
 * kernel/graphql — TerminusDB's GraphQL endpoint (`/api/graphql/{path}`, §11): a schema generated
 * per schema version, filters and ordering served by commit-consistent derived indexes, and the
 * document mutations. See README.md for mounting.
 */
export { createGraphQLEngine } from './engine.js';
export type { ExecuteInput, GraphQLEngine, GraphQLEngineOptions, GraphQLRequest, GraphQLResponse } from './engine.js';
export type { CommitCallback, CommitInfo } from './mutation/state.js';
export { serializeResult } from './serializeResult.js';
export { graphqlSanitize } from './naming.js';
