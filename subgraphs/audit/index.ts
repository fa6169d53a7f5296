/**
 * The audit subgraph: the commit log, diffs and document history of the database as a federated
 * GraphQL API, and the commit relay that publishes one event per commit to the event bus.
 */
export { auditConfigFromEnv, AuditConfigError, type AuditConfig } from './config.js';
export { createAuditSubgraph, type AuditSubgraphDeps } from './createAuditSubgraph.js';
export { CommitRelay, type CommitRelayOptions } from './relay/CommitRelay.js';
export { parseTrailers } from './relay/trailers.js';
export { AUDIT_SDL, entityExtensionsSdl } from './schema/auditSdl.js';
