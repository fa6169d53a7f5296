import type { OntologyModel } from '../compiler/model/types.js';
import { getClass, isDocumentClass } from '../compiler/model/queries.js';
import { checkObject, type CheckScope } from './checkValue.js';
import { lexicalId } from './ids.js';
import type { SeedDocument } from './SeedBuilder.js';

/**
 * Checks instance documents against the ontology the way TerminusDB would reject them: every document is
 * of a concrete document class, ids are unique, Lexical ids match their key fields, required properties
 * are present, values fit their ranges, `@oneOf` groups have one member, and every link points at a
 * document of the batch with the right class. Returns the problems found (empty when the batch is valid).
 */
export function checkDocuments(model: OntologyModel, documents: readonly SeedDocument[]): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const [i, doc] of documents.entries()) {
    const id = doc['@id'];
    if (id === undefined) continue;
    if (ids.has(id)) problems.push(`documents[${i}]: duplicate id ${id}`);
    ids.set(id, doc['@type']);
  }
  const scope: CheckScope = { model, ids, report: (path, message) => void problems.push(`${path}: ${message}`) };
  for (const [i, doc] of documents.entries()) {
    const path = `documents[${i}] (${doc['@id'] ?? doc['@type']})`;
    const cls = getClass(model, doc['@type']);
    if (!isDocumentClass(cls) || cls.abstract) {
      problems.push(`${path}: ${doc['@type']} is not a concrete document class`);
      continue;
    }
    const key = cls.key;
    const id = doc['@id'];
    if (id === undefined && (key === undefined || key.type === 'Random')) problems.push(`${path}: needs an @id`);
    if (id !== undefined && key?.type === 'Lexical') {
      const values = key.fields.map((f) => doc[f]);
      const expected = values.every((v) => typeof v === 'string') ? lexicalId(cls.id, values as string[]) : undefined;
      if (expected !== id) problems.push(`${path}: @id should be ${expected ?? '(key fields must be strings)'}`);
    }
    if (id !== undefined && !id.startsWith(`${cls.id}/`)) problems.push(`${path}: @id must start with ${cls.id}/`);
    checkObject(scope, doc, cls.id, path);
  }
  return problems;
}
