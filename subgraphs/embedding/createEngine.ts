import { readFileSync } from 'node:fs';
import { MANIFEST_PATH } from '../../ontology/index.js';
import type { Logger, Terminus } from '../../lib/index.js';
import type { EmbeddingConfig } from './config.js';
import { EmbeddingEngine } from './engine/EmbeddingEngine.js';
import { embedPlan } from './plan/EmbedPlan.js';
import { createEmbedder } from './providers/createEmbedder.js';
import { RecordStore } from './records/RecordStore.js';
import type { EmbeddingManifest } from './schema/entityExtensions.js';

/** The embedding plan of the committed core manifest. */
export function manifestPlan(): ReturnType<typeof embedPlan> {
  return embedPlan(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as EmbeddingManifest);
}

/** The engine of a configuration (provider created, not opened yet). */
export async function createEngine(config: Pick<EmbeddingConfig, 'provider' | 'branches' | 'dataDir' | 'hnswThreshold'>, terminus: Terminus, logger: Logger): Promise<EmbeddingEngine> {
  const embedder = await createEmbedder(config.provider);
  return new EmbeddingEngine({
    terminus,
    embedder,
    plan: manifestPlan(),
    records: new RecordStore(terminus),
    branches: config.branches,
    dataDir: config.dataDir,
    hnswThreshold: config.hnswThreshold,
    logger,
  });
}
