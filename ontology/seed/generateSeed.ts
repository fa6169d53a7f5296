import { generateConsumers } from './generateConsumers.js';
import { generateDirectory } from './generateDirectory.js';
import { generateLineage } from './generateLineage.js';
import { generateOperations } from './generateOperations.js';
import { SeedBuilder, type SeedDocument } from './SeedBuilder.js';
import { DOMAINS, TAGS } from './vocabulary.js';

/** Options of `generateSeed`. */
export interface SeedOptions {
  /** Number of documents to produce (at least `MIN_SEED_DOCUMENTS`). */
  readonly n: number;
  /** PRNG seed; the same seed and n give the same documents. Default 1. */
  readonly seed?: number;
}

/** The smallest `n` that still contains every class and a connected lineage graph. */
export const MIN_SEED_DOCUMENTS = 60;

const share = (n: number, fraction: number, min: number, max = Number.POSITIVE_INFINITY): number =>
  Math.min(max, Math.max(min, Math.round(n * fraction)));

/**
 * Generates `n` instance documents of the catalog ontology, deterministically: organisations, teams and
 * people (with PII), projects and tags, datasets in lineage layers connected by transforms, pipelines and
 * runs, models and dashboards, incidents, access grants, and notes (which fill up to exactly `n`).
 * Documents come in dependency order (a document only references documents before it, except a team's lead).
 */
export function generateSeed(options: SeedOptions): SeedDocument[] {
  const { n, seed = 1 } = options;
  if (!Number.isInteger(n) || n < MIN_SEED_DOCUMENTS) {
    throw new RangeError(`generateSeed: n must be an integer >= ${MIN_SEED_DOCUMENTS}, got ${n}`);
  }
  const b = new SeedBuilder(seed);
  const organisations = share(n, 0.006, 1, 6);
  const projects = share(n, 0.02, 1, organisations * DOMAINS.length);
  const dir = generateDirectory(b, {
    organisations,
    teams: share(n, 0.03, organisations),
    people: share(n, 0.14, 4),
    projects,
    tags: share(n, 0.03, 3, TAGS.length),
  });
  const lineage = generateLineage(b, dir, { datasets: share(n, 0.2, projects * 4), pipelines: share(n, 0.015, 1) });
  const consumers = generateConsumers(b, dir, lineage, { models: share(n, 0.02, 1), dashboards: share(n, 0.035, 1) });
  generateOperations(b, dir, lineage, consumers, { runs: share(n, 0.07, 1), incidents: share(n, 0.05, 1), grants: share(n, 0.05, 1), total: n });
  if (b.documents.length !== n) {
    throw new RangeError(`generateSeed: n=${n} is too small for the fixed part of the catalog (${b.documents.length} documents)`);
  }
  return b.documents;
}
