import type { GraphType, JsonObject } from '../types.js';
import type { Snapshot } from '../store/Store.js';
import { expandId, normalizeId, normalizeSchemaName, parseContext } from './iri.js';
import { modelOf } from './model/build.js';
import { findEmbedded } from './validate.js';

const SCHEMA_TYPES: Readonly<Record<string, string>> = {
  Class: 'Class', Enum: 'Enum', TaggedUnion: 'TaggedUnion', Foreign: 'Foreign',
};

/** Input id → contracted storage id (instance: against `@base`; schema: class id). Throws UnknownPrefixError. */
export function resolveDocumentId(snapshot: Snapshot, graph: GraphType, id: string): string {
  const ctx = parseContext(snapshot.context);
  if (graph === 'schema') return id === '@context' ? id : normalizeSchemaName(ctx, id);
  return normalizeId(ctx, id);
}

/** A stored document by contracted id, or a subdocument found inside its parent. */
export function findDocument(snapshot: Snapshot, graph: GraphType, id: string): JsonObject | undefined {
  if (graph === 'schema' && id === '@context') return snapshot.context;
  const doc = snapshot.getDoc(graph, id);
  if (doc || graph === 'schema') return doc;
  return findEmbedded(snapshot, id);
}

/**
 * The contracted type names to list for GET `type=` (§4.2): instance graph → the class and all
 * its subclasses (or `sys:JSONDocument`); schema graph → schema kinds (`Class`, `Enum`, ...).
 * Unknown classes give an empty list.
 */
export function typesFor(snapshot: Snapshot, graph: GraphType, type: string): string[] {
  if (graph === 'schema') {
    const bare = type.replace(/^(sys:|http:\/\/terminusdb\.com\/schema\/sys#)/, '');
    const k = SCHEMA_TYPES[bare];
    return k ? [k] : [];
  }
  if (type === 'sys:JSONDocument' || type === 'JSONDocument' || type === 'http://terminusdb.com/schema/sys#JSONDocument') {
    return ['sys:JSONDocument'];
  }
  const model = modelOf(snapshot);
  const name = normalizeSchemaName(model.ctx, type);
  return [...model.subclassesOf(name)];
}

/** Full IRI of a contracted instance id. */
export function fullIri(snapshot: Snapshot, id: string): string {
  return expandId(parseContext(snapshot.context), id);
}
