import { describe, expect, it } from 'vitest';
import { apiError, FakeSnapshot, schema, write } from './helpers.js';
import { initialContext } from '../index.js';

// Ported from terminusdb tests/test/document-insert.js ("document" suite) and §6 of the reference.
describe('schema documents', () => {
  it('round-trips class ids of any string', () => {
    for (const id of ['false', 'null', '8', '[]', '{}', '/', '逆手道']) {
      const snap = schema(new FakeSnapshot(), [{ '@id': id, '@type': 'Class' }]);
      expect(snap.getDoc('schema', id)).toEqual({ '@id': id, '@type': 'Class' });
    }
  });

  it('rejects bad @id and @type values with BadFieldValue (#647)', () => {
    for (const bad of ['', 13, {}, ['b'], false, true, null]) {
      const doc = { '@id': bad, '@type': 'Class' };
      expect(apiError(() => schema(new FakeSnapshot(), [doc])).error).toEqual({
        '@type': 'api:BadFieldValue', 'api:field': '@id', 'api:value': bad, 'api:document': doc,
      });
      const doc2 = { '@id': 'X', '@type': bad };
      expect(apiError(() => schema(new FakeSnapshot(), [doc2])).error['api:field']).toBe('@type');
    }
  });

  it('reports missing @type before missing @id', () => {
    expect(apiError(() => schema(new FakeSnapshot(), [{ '@id': 'X' }])).error['api:field']).toBe('@type');
    expect(apiError(() => schema(new FakeSnapshot(), [{ '@type': 'Class' }])).error['api:field']).toBe('@id');
  });

  it('rejects the reserved name JSONDocument', () => {
    for (const id of ['JSONDocument', 'terminusdb:///schema#JSONDocument']) {
      expect(apiError(() => schema(new FakeSnapshot(), [{ '@type': 'Class', '@id': id }])).error).toEqual({
        '@type': 'api:DocumentInsertionReservedName', 'api:id': id,
      });
    }
  });

  it('checks keys (#566, #587, #727)', () => {
    const s = new FakeSnapshot();
    const err = (d: object): string => String(apiError(() => schema(s, [d as never])).error['@type']);
    expect(err({ '@id': 'A', '@type': 'Class', '@subdocument': [] })).toBe('api:SubdocumentKeyMissing');
    expect(err({ '@id': 'A', '@type': 'Class', '@key': { x: 1 } })).toBe('api:DocumentKeyTypeMissing');
    expect(err({ '@id': 'A', '@type': 'Class', '@key': { '@type': 'Unknown' } })).toBe('api:DocumentKeyTypeUnknown');
    expect(err({ '@id': 'A', '@type': 'Class', '@key': false })).toBe('api:DocumentKeyNotObject');
    expect(err({ '@id': 'A', '@type': 'Class', '@key': { '@type': 'Hash' } })).toBe('api:KeyMissingFields');
    expect(err({ '@id': 'A', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': {} } })).toBe('api:KeyFieldsNotAnArray');
    expect(err({ '@id': 'A', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': [] } })).toBe('api:KeyFieldsIsEmpty');
  });

  it('rejects unknown @-properties and unknown schema types', () => {
    const s = new FakeSnapshot();
    expect(apiError(() => schema(s, [{ '@id': 'A', '@type': 'Class', '@foo': 1 }])).error).toEqual({
      '@type': 'api:AtPrefixedPropertiesNotSupported', 'api:property': '@foo',
    });
    expect(apiError(() => schema(s, [{ '@id': 'A', '@type': 'Klass' }])).error).toEqual({ '@type': 'api:UnknownSchemaType', 'api:type': 'Klass' });
  });

  it('normalises @inherits, @cardinality and ranges (§6.9)', () => {
    const s = schema(new FakeSnapshot(), [
      { '@id': 'A', '@type': 'Class' },
      { '@id': 'B', '@type': 'Class', '@inherits': ['A'], s: { '@type': 'Set', '@class': 'xsd:integer', '@cardinality': 1 }, t: 'http://www.w3.org/2001/XMLSchema#string' },
    ]);
    expect(s.getDoc('schema', 'B')).toEqual({
      '@id': 'B', '@type': 'Class', '@inherits': 'A',
      s: { '@type': 'Set', '@class': 'xsd:integer', '@min_cardinality': 1, '@max_cardinality': 1 },
      t: 'xsd:string',
    });
  });

  it('gives schema witnesses for unknown ranges and parents', () => {
    const e = apiError(() => schema(new FakeSnapshot(), [{ '@id': 'A', '@type': 'Class', '@inherits': 'Z', p: 'Nope' }]));
    expect(e.error['@type']).toBe('api:SchemaCheckFailure');
    expect(e.error['api:witnesses']).toEqual(expect.arrayContaining([
      { '@type': 'not_a_class_or_base_type', class: 'terminusdb:///schema#Nope' },
      { '@type': 'inherits_from_non_existent_class', class: 'terminusdb:///schema#A', super: 'terminusdb:///schema#Z' },
    ]));
  });

  it('refuses a second insert of the same class, and PUT of a missing one (404)', () => {
    const s = schema(new FakeSnapshot(), [{ '@id': 'A', '@type': 'Class' }]);
    expect(apiError(() => schema(s, [{ '@id': 'A', '@type': 'Class' }])).error['@type']).toBe('api:DocumentIdAlreadyExists');
    const doc = { '@id': 'Q', '@type': 'Class' };
    const e = apiError(() => write(s, [{ kind: 'replace', graph: 'schema', docs: [doc] }]));
    expect(e).toEqual({ status: 'api:not_found', error: { '@type': 'api:DocumentNotFound', 'api:document_id': 'Q', 'api:document': doc } });
  });

  it('handles @context: InsertingContext, full replace, NoContextFoundInSchema', () => {
    const s = new FakeSnapshot();
    const ctx = { '@type': '@context', '@base': 'http://ex.com/data/', '@schema': 'http://ex.com/schema#' };
    expect(apiError(() => schema(s, [ctx])).error['@type']).toBe('api:InsertingContext');
    expect(apiError(() => write(s, [{ kind: 'insert', graph: 'schema', docs: [{ '@id': 'A', '@type': 'Class' }], fullReplace: true }])).error['@type'])
      .toBe('api:NoContextFoundInSchema');
    const r = write(s, [{ kind: 'insert', graph: 'schema', docs: [ctx, { '@id': 'A', '@type': 'Class' }], fullReplace: true }]);
    expect(r.results).toEqual([['A']]);
    expect(r.snap.context['@base']).toBe('http://ex.com/data/');
  });

  it('validates prefixes of a new database', () => {
    expect(initialContext({ ex: 'http://ex.com/' })).toEqual({
      '@type': '@context', '@base': 'terminusdb:///data/', '@schema': 'terminusdb:///schema#', ex: 'http://ex.com/',
    });
    expect(apiError(() => initialContext({ '@base': 'x' })).error).toEqual({ '@type': 'api:InvalidPrefix', 'api:prefix_name': '@base', 'api:prefix_value': 'x' });
  });

  it('rejects a schema change that invalidates instances', () => {
    let s = schema(new FakeSnapshot(), [{ '@id': 'A', '@type': 'Class' }]);
    s = write(s, [{ kind: 'insert', graph: 'instance', docs: [{ '@type': 'A', '@id': 'A/1' }] }]).snap;
    const e = apiError(() => write(s, [{ kind: 'replace', graph: 'schema', docs: [{ '@id': 'A', '@type': 'Class', name: 'xsd:string' }] }]));
    expect(e.error['api:witnesses']).toEqual([{
      '@type': 'instance_not_cardinality_one',
      class: 'http://www.w3.org/2001/XMLSchema#string',
      instance: 'terminusdb:///data/A/1',
      predicate: 'terminusdb:///schema#name',
    }]);
  });
});
