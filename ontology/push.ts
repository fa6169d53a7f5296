import type { WOQLClient } from 'terminusdb';
import { compileOntology } from './compiler/compileOntology.js';
import { OntologyCompileError } from './compiler/diagnostics.js';
import { loadSchemaDir } from './compiler/loadSchemaDir.js';
import { REPO_ROOT, SCHEMA_DIR } from './paths.js';

/** Options of `pushOntology`. */
export interface PushOptions {
  /** Branch that receives the schema commit. */
  readonly branch: string;
  /** Commit message, e.g. `[ontology] add Incident.rootCause`. */
  readonly message: string;
  /** Database; defaults to the client's current database. */
  readonly db?: string;
  /** Folder of schema documents; defaults to `ontology/schema`. */
  readonly schemaDir?: string;
}

/** What was pushed. */
export interface PushResult {
  readonly branch: string;
  /** Ids of the schema documents written (`@context` first). */
  readonly documents: readonly string[];
}

/**
 * Writes the ontology to TerminusDB as one schema commit on `branch`, replacing the whole schema graph
 * (`graph_type: 'schema'`, `full_replace: true`). The ontology is compiled first and nothing is sent if it
 * has errors (`OntologyCompileError`). TerminusDB then checks the new schema against the branch's instance
 * data and rejects the commit if any document would become invalid.
 */
export async function pushOntology(client: WOQLClient, options: PushOptions): Promise<PushResult> {
  const sources = loadSchemaDir(options.schemaDir ?? SCHEMA_DIR, REPO_ROOT);
  const result = compileOntology(sources);
  if (!result.ok) throw new OntologyCompileError(result.diagnostics);
  const documents = sources.map((s) => s.document as Record<string, unknown>);
  documents.sort((a, b) => (a['@type'] === '@context' ? -1 : b['@type'] === '@context' ? 1 : 0));
  const previous = client.checkout();
  client.checkout(options.branch);
  try {
    await client.addDocument(documents, { graph_type: 'schema', full_replace: true }, options.db, options.message);
  } finally {
    client.checkout(previous);
  }
  return { branch: options.branch, documents: documents.map((d) => String(d['@id'] ?? '@context')) };
}
