/**
 * kernel/schema — the schema language (§6), instance elaboration and ids (§5), commit-time
 * validation (§9), rendering and query-by-example (§4.3), as pure functions over a Snapshot.
 */
export type { ClassDef, Family, KeyDef, PropertyDef, SchemaKind, SchemaModel } from './model/types.js';
export { buildModel, modelOf } from './model/build.js';
export { classFrame } from './model/frame.js';
export type { Context } from './iri.js';
export {
  BUILTIN_PREFIXES, DEFAULT_BASE, DEFAULT_SCHEMA, UnknownPrefixError, contractId, contractSchema,
  expandId, expandSchema, initialContext, normalizeId, normalizeSchemaName, parseContext,
} from './iri.js';
export { normalizeContextDoc, normalizeSchemaDoc } from './schemaDoc.js';
export type { PlanOptions, WriteOp, WritePlan } from './planTypes.js';
export { planWrite } from './plan.js';
export type { RenderOptions } from './render.js';
export { renderDocument } from './render.js';
export { findDocument, fullIri, resolveDocumentId, typesFor } from './read.js';
export type { CompiledQuery } from './query.js';
export { assertQueryGraph, compileQuery } from './query.js';
export { normalizeSubmitted } from './normalize.js';
export { castValue, CastError } from './datatypes/cast.js';
export { encodeSegment } from './ids.js';
