/**
 * The core subgraph: the catalog ontology as a federated GraphQL API over one TerminusDB database
 * (reads pushed down to TerminusDB's GraphQL, writes through the document API as authored commits).
 */
export { createCoreSubgraph, type CoreSubgraphDeps, type CoreSubgraphHandler } from './createCoreSubgraph.js';
export { coreConfigFromEnv, CoreConfigError, type CoreConfig } from './config.js';
export { isValidBranchName, toTerminusBranch, fromTerminusBranch } from './branches/naming.js';
export { decodeCursor, encodeCursor, type Cursor } from './read/cursor.js';
export { schemaDrift } from './schema/SchemaCheck.js';
export { MANIFEST, Model } from './manifest.js';
