import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ContextDef, OntologyModel, SchemaDef } from '../model/types.js';
import { parseClass } from './parseClass.js';
import { defaultContext, parseContext } from './parseContext.js';
import { parseEnum } from './parseEnum.js';

/** One schema document and the file it came from. */
export interface SourceDocument {
  /** Path of the source file, for diagnostics (relative to the repository root). */
  readonly file: string;
  /** The JSON value as read. */
  readonly document: unknown;
}

/** What parsing produced: a model of everything that could be read, and the problems found. */
export interface ParseResult {
  readonly model: OntologyModel;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses TerminusDB schema documents (the `@context` document and Class, TaggedUnion, Enum and Foreign
 * documents) into a typed model. Malformed documents are reported, never thrown, and left out of the model.
 */
export function parseSchema(sources: readonly SourceDocument[]): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic): void => void diagnostics.push(d);
  const contexts = sources.filter((s) => isObject(s.document) && s.document['@type'] === '@context');
  let context: ContextDef = defaultContext();
  for (const [index, source] of contexts.entries()) {
    if (index === 0) context = parseContext(source.document as Record<string, unknown>, source.file, report);
    else report(diagnostic('DUPLICATE_CONTEXT', 'a schema has exactly one @context document', { file: source.file, document: '@context' }));
  }
  const documents = new Map<string, SchemaDef>();
  for (const { file, document } of sources) {
    if (!isObject(document)) {
      report(diagnostic('BAD_DOCUMENT', `a schema document must be a JSON object, got ${JSON.stringify(document)}`, { file }));
      continue;
    }
    const type = document['@type'];
    if (type === '@context') continue;
    const id = document['@id'];
    if (typeof id !== 'string' || id === '') {
      report(diagnostic('MISSING_FIELD', `schema document of type ${JSON.stringify(type)} needs a non-empty string "@id"`, { file }));
      continue;
    }
    const at = { file, document: id };
    if (documents.has(id)) {
      report(diagnostic('DUPLICATE_ID', `"${id}" is defined more than once (also in ${documents.get(id)?.file ?? '?'})`, at));
      continue;
    }
    switch (type) {
      case 'Class':
      case 'TaggedUnion':
        documents.set(id, parseClass(document, type, id, file, context.schema, report));
        break;
      case 'Enum':
        documents.set(id, parseEnum(document, id, file, report));
        break;
      case 'Foreign':
        documents.set(id, { kind: 'Foreign', id, file });
        break;
      default:
        report(diagnostic('UNKNOWN_SCHEMA_TYPE', `@type must be Class, TaggedUnion, Enum, Foreign or @context, got ${JSON.stringify(type)}`, at));
    }
  }
  return { model: { context, documents }, diagnostics };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
