import { TerminusError } from './TerminusError.js';

/** A document TerminusDB refused in a schema check, with its witnesses. */
export interface InvalidDocument {
  /** Document id relative to `@base` (`Project/alpha`), or `schema` for witnesses about the schema itself. */
  readonly id: string;
  readonly witnesses: readonly Record<string, unknown>[];
}

const DATA_PREFIX = 'terminusdb:///data/';

/** The witnesses of a schema check failure (`api:error.api:witnesses`, or `api:witnesses` at top level); undefined for other errors. */
export function schemaWitnesses(err: unknown): Record<string, unknown>[] | undefined {
  if (!(err instanceof TerminusError)) return undefined;
  const body = err.body as { 'api:error'?: { 'api:witnesses'?: unknown }; 'api:witnesses'?: unknown } | undefined;
  const list = body?.['api:error']?.['api:witnesses'] ?? body?.['api:witnesses'];
  return Array.isArray(list) ? list.filter((w): w is Record<string, unknown> => typeof w === 'object' && w !== null) : undefined;
}

/** The instance document a witness is about: `instance`, `subject`, `document`, `object` (id or `@id`); `schema` when none. */
export function witnessDocument(w: Record<string, unknown>): string {
  for (const key of ['instance', 'subject', 'document', 'object']) {
    const v = w[key];
    const id = typeof v === 'string' ? v : typeof v === 'object' && v !== null && typeof (v as { '@id'?: unknown })['@id'] === 'string' ? (v as { '@id': string })['@id'] : undefined;
    if (id !== undefined) return id.startsWith(DATA_PREFIX) ? id.slice(DATA_PREFIX.length) : id;
  }
  // Elaboration witnesses may be wrapped under the offending property IRI.
  const values = Object.values(w);
  if (values.length === 1 && typeof values[0] === 'object' && values[0] !== null) return witnessDocument(values[0] as Record<string, unknown>);
  return 'schema';
}

/** Witnesses grouped by the document they are about, sorted by id. */
export function invalidDocuments(witnesses: readonly Record<string, unknown>[]): InvalidDocument[] {
  const byId = new Map<string, Record<string, unknown>[]>();
  for (const w of witnesses) {
    const id = witnessDocument(w);
    byId.set(id, [...(byId.get(id) ?? []), w]);
  }
  return [...byId.entries()].map(([id, list]) => ({ id, witnesses: list })).sort((a, b) => a.id.localeCompare(b.id));
}
