/**
 * `npm run ontology:build` — compiles ontology/schema into subgraphs/core/schema.graphql and
 * subgraphs/core/model.generated.json, and regenerates ontology/seed/demo.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateArtifacts } from '../artifacts.js';
import { OntologyCompileError } from '../compiler/diagnostics.js';

try {
  for (const artifact of generateArtifacts()) {
    mkdirSync(dirname(artifact.path), { recursive: true });
    writeFileSync(artifact.path, artifact.content);
    console.log(`wrote ${artifact.file} (${artifact.content.length} bytes)`);
  }
} catch (error) {
  if (!(error instanceof OntologyCompileError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
