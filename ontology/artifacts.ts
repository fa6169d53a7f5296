import { relative, sep } from 'node:path';
import { compileOntology } from './compiler/compileOntology.js';
import { OntologyCompileError } from './compiler/diagnostics.js';
import { loadSchemaDir } from './compiler/loadSchemaDir.js';
import { DEMO_SEED_PATH, MANIFEST_PATH, REPO_ROOT, SCHEMA_DIR, SDL_PATH } from './paths.js';
import { demoSeed } from './seed/demoSeed.js';

/** A generated file: where it goes and its exact content. */
export interface Artifact {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the repository root, with `/` separators (for messages). */
  readonly file: string;
  readonly content: string;
}

/** Where the ontology and its outputs live; defaults are the repository's own paths. */
export interface ArtifactPaths {
  readonly schemaDir: string;
  readonly root: string;
  readonly sdl: string;
  readonly manifest: string;
  readonly demoSeed: string;
}

/** The repository's paths. */
export const DEFAULT_PATHS: ArtifactPaths = { schemaDir: SCHEMA_DIR, root: REPO_ROOT, sdl: SDL_PATH, manifest: MANIFEST_PATH, demoSeed: DEMO_SEED_PATH };

/**
 * Generates, in memory, every file `ontology:build` writes: the core subgraph SDL, the model manifest and
 * the demo seed. Throws `OntologyCompileError` (with every diagnostic) when the ontology does not compile.
 */
export function generateArtifacts(paths: ArtifactPaths = DEFAULT_PATHS): Artifact[] {
  const result = compileOntology(loadSchemaDir(paths.schemaDir, paths.root));
  if (!result.ok) throw new OntologyCompileError(result.diagnostics);
  const file = (path: string): string => relative(paths.root, path).split(sep).join('/');
  return [
    { path: paths.sdl, file: file(paths.sdl), content: result.sdl },
    { path: paths.manifest, file: file(paths.manifest), content: `${JSON.stringify(result.manifest, null, 2)}\n` },
    { path: paths.demoSeed, file: file(paths.demoSeed), content: `${JSON.stringify(demoSeed(), null, 1)}\n` },
  ];
}
