import { expect } from 'vitest';
import { parseSchema } from '../../parse/parseSchema.js';
import type { OntologyRule } from '../OntologyValidationContext.js';
import { validateOntology } from '../validateOntology.js';

/** A Class document with Lexical key on `name` unless `extra` says otherwise. */
export function cls(id: string, props: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { '@type': 'Class', '@id': id, '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string', ...props, ...extra };
}

/** Runs one rule over schema documents (which must parse cleanly) and returns its diagnostics. */
export function runRule(rule: OntologyRule, documents: readonly unknown[]): { code: string; message: string; document?: string; property?: string }[] {
  const parsed = parseSchema(documents.map((document) => ({ file: 'fixture.json', document })));
  expect(parsed.diagnostics).toEqual([]);
  return validateOntology(parsed.model, [rule]).map(({ code, message, document, property }) => ({
    code, message, ...(document !== undefined ? { document } : {}), ...(property !== undefined ? { property } : {}),
  }));
}

/** Asserts the rule accepts the documents. */
export function expectValid(rule: OntologyRule, documents: readonly unknown[]): void {
  expect(runRule(rule, documents)).toEqual([]);
}
