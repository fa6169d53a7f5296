/**
 * `npm run ontology:check` — regenerates every ontology artifact in memory and exits 1 when the ontology
 * does not compile or a committed file differs (run `npm run ontology:build` and commit the result).
 */
import { existsSync, readFileSync } from 'node:fs';
import { generateArtifacts } from '../artifacts.js';
import { OntologyCompileError } from '../compiler/diagnostics.js';
import { findDrift } from '../drift.js';

try {
  const drift = findDrift(generateArtifacts(), (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined));
  if (drift.length === 0) {
    console.log('ontology: generated files are up to date');
  } else {
    console.error('ontology: generated files are out of date — run `npm run ontology:build` and commit:');
    for (const d of drift) console.error(`  ${d.file}: ${d.status}; ${d.summary}`);
    process.exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof OntologyCompileError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
