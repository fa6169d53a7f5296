import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `ontology/` folder. */
export const ONTOLOGY_DIR = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const REPO_ROOT = dirname(ONTOLOGY_DIR);
/** Schema documents: one JSON file per area plus `context.json`. */
export const SCHEMA_DIR = join(ONTOLOGY_DIR, 'schema');
/** Generated core subgraph SDL. */
export const SDL_PATH = join(REPO_ROOT, 'subgraphs', 'core', 'schema.graphql');
/** Generated model manifest for the core subgraph's resolvers. */
export const MANIFEST_PATH = join(REPO_ROOT, 'subgraphs', 'core', 'model.generated.json');
/** Generated demo seed. */
export const DEMO_SEED_PATH = join(ONTOLOGY_DIR, 'seed', 'demo.json');
