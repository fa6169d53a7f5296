import type { Json, JsonObject } from '../types.js';
import { badRequest, notFound } from '../errors.js';
import type { Overlay } from './overlay.js';
import { normalizeContextDoc, normalizeSchemaDoc } from './schemaDoc.js';
import { normalizeSchemaName } from './iri.js';
import { isObject } from './witness.js';
import type { WriteOp } from './planTypes.js';

function asObject(d: Json): JsonObject {
  if (!isObject(d)) throw badRequest('api:DocumentElaborationImpossible', 'The submitted schema document could not be elaborated', { 'api:document': d });
  return d;
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/** Applies a schema-graph insert or replace to the overlay; returns the listed ids. */
export function planSchemaWrite(state: Overlay, op: Extract<WriteOp, { kind: 'insert' | 'replace' }>): string[] {
  if (op.rawJson) {
    throw badRequest('api:DocumentInsertionRawJSONSchemaDisallowed', 'Document insertion of raw JSON documents is not possible for the schema graph');
  }
  const docs = op.docs.map(asObject);
  let rest = docs;
  const results: string[] = [];
  if (op.kind === 'insert' && op.fullReplace) {
    const first = docs[0];
    if (!first || first['@type'] !== '@context') throw badRequest('api:NoContextFoundInSchema', 'No context found in submitted schema');
    state.setContext(normalizeContextDoc(first));
    state.clear('schema');
    rest = docs.slice(1);
  }
  const normalized: { id: string; doc: JsonObject; submitted: JsonObject }[] = [];
  for (const d of rest) {
    if (d['@type'] === '@context') {
      if (op.kind === 'replace') {
        state.setContext(normalizeContextDoc(d));
        results.push('@context');
        continue;
      }
      throw badRequest('api:InsertingContext', "Inserting contexts is not allowed without using a 'full replace'.", { 'api:document': d });
    }
    const n = normalizeSchemaDoc(state.model().ctx, d);
    normalized.push({ ...n, submitted: d });
  }
  if (!(op.mergeRepeats ?? false)) {
    const dup = duplicates(normalized.map((n) => n.id));
    if (dup.length > 0) {
      throw badRequest('api:SameDocumentIdsMutatedInOneTransaction', 'Tried to mutate document with same id multiple times', { 'api:duplicate_ids': dup });
    }
  }
  for (const n of normalized) {
    const exists = state.has('schema', n.id);
    if (op.kind === 'insert' && exists && !op.overwrite && !op.fullReplace) {
      throw badRequest('api:DocumentIdAlreadyExists', `Tried to insert a new document with id ${n.id}, but an object with that id already exists`, {
        'api:document_id': n.id,
        'api:document': n.submitted,
      });
    }
    if (op.kind === 'replace' && !exists && !op.create) {
      throw notFound('api:DocumentNotFound', `Document not found: '${n.id}'`, { 'api:document_id': n.id, 'api:document': n.submitted });
    }
    state.set('schema', n.id, n.doc);
    results.push(n.id);
  }
  return results;
}

/** Deletes schema documents (by ids, or nuke). */
export function planSchemaDelete(state: Overlay, op: Extract<WriteOp, { kind: 'delete' }>): string[] {
  if (op.nuke) {
    state.clear('schema');
    return [];
  }
  const ids = op.ids ?? [];
  const out: string[] = [];
  for (const raw of ids) {
    const id = raw === '@context' ? raw : normalizeSchemaName(state.model().ctx, raw);
    if (!state.has('schema', id)) throw notFound('api:DocumentNotFound', `Document not found: '${raw}'`, { 'api:document_id': raw });
    state.set('schema', id, null);
    out.push(id);
  }
  return out;
}
