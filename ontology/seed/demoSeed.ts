import { generateSeed } from './generateSeed.js';
import type { SeedDocument } from './SeedBuilder.js';

/** Size and seed of the committed demo dataset (`ontology/seed/demo.json`). */
export const DEMO_SEED = { n: 400, seed: 20240108 } as const;

/** The demo dataset: a few hundred realistic, connected documents. */
export function demoSeed(): SeedDocument[] {
  return generateSeed(DEMO_SEED);
}
