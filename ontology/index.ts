/**
 * The ontology unit: TerminusDB schema documents (`schema/`), demo and benchmark data (`seed/`), and the
 * compiler from the schema to the core subgraph's Federation 2 SDL and model manifest (`compiler/`).
 */
export { compileOntology, GENERATED_BY, type CompileOptions, type CompileResult } from './compiler/compileOntology.js';
export { diagnostic, OntologyCompileError, type Diagnostic, type DiagnosticLocation } from './compiler/diagnostics.js';
export { loadSchemaDir } from './compiler/loadSchemaDir.js';
export { parseSchema, type ParseResult, type SourceDocument } from './compiler/parse/parseSchema.js';
export { validateOntology } from './compiler/rules/validateOntology.js';
export { specifiedRules } from './compiler/rules/specifiedRules.js';
export type { OntologyRule, OntologyValidationContext, OntologyVisitor } from './compiler/rules/OntologyValidationContext.js';
export type * from './compiler/model/types.js';
export {
  allProperties, ancestors, classes, concreteSubclasses, enums, getClass, getEnum, isCollection, isDatatype, isDocumentClass,
} from './compiler/model/queries.js';
export { backlinks, type Backlink } from './compiler/model/backlinks.js';
export type * from './compiler/manifest/types.js';
export { generateArtifacts, type Artifact, type ArtifactPaths } from './artifacts.js';
export { findDrift, type Drift } from './drift.js';
export { pushOntology, type PushOptions, type PushResult } from './push.js';
export { generateSeed, MIN_SEED_DOCUMENTS, type SeedOptions } from './seed/generateSeed.js';
export { demoSeed, DEMO_SEED } from './seed/demoSeed.js';
export { checkDocuments } from './seed/checkDocuments.js';
export type { SeedDocument } from './seed/SeedBuilder.js';
export { lexicalId } from './seed/ids.js';
export { MANIFEST_PATH, SCHEMA_DIR, SDL_PATH } from './paths.js';
