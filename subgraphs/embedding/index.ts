/**
 * The embedding subgraph: sentence embeddings of the ontology's `embed` fields, a vector index per
 * branch kept in step with commits, `semanticSearch`, `similar` on every embeddable entity and
 * `embeddingStatus`; `POST /reembed` for the scheduler and the backfill command.
 */
export { embeddingConfigFromEnv, EmbeddingConfigError, type EmbeddingConfig, type ProviderConfig } from './config.js';
export { createEmbeddingSubgraph, type EmbeddingSubgraphDeps } from './createEmbeddingSubgraph.js';
export { createEngine, manifestPlan } from './createEngine.js';
export { EmbeddingEngine, type EmbeddingEngineOptions, type Progress, type ReembedOptions, type SyncResult } from './engine/EmbeddingEngine.js';
export { DURABLE, startConsumer } from './engine/startConsumer.js';
export { contentHash, documentText, embedPlan, type EmbedClass, type EmbedPlan } from './plan/EmbedPlan.js';
export { EmbedderError, normalize, type Embedder } from './providers/Embedder.js';
export { createEmbedder } from './providers/createEmbedder.js';
export { lexicalEmbedder } from './providers/lexicalEmbedder.js';
export { openaiEmbedder, type OpenAIEmbedderOptions } from './providers/openaiEmbedder.js';
export { USE_BATCH, USE_MODEL, useEmbedder } from './providers/useEmbedder.js';
export { RecordStore, SERVICE_BRANCH, type EmbeddingRecord } from './records/RecordStore.js';
export { EMBEDDING_SDL, entityExtensionsSdl } from './schema/embeddingSdl.js';
export { loadIndex, saveIndex, branchDir } from './vectors/indexFiles.js';
export { VectorIndex, type IndexEntry, type VectorHit, type VectorIndexOptions } from './vectors/VectorIndex.js';
