import { describe, expect, it } from 'vitest';
import { apiError, FakeSnapshot, insert, schema, write } from './helpers.js';
import { compileQuery, findDocument, renderDocument, typesFor } from '../index.js';

const person = {
  '@id': 'Person', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] },
  name: 'xsd:string', friend: { '@type': 'Set', '@class': 'Person' },
};
const base = (): FakeSnapshot => schema(new FakeSnapshot(), [person]);

// Ported from terminusdb tests/test/document-insert.js and the reference §5/§9.
describe('instance writes', () => {
  it('generates Lexical ids with path-segment encoding (#705)', () => {
    const { ids } = insert(base(), [{ '@type': 'Person', name: 'Immanuel Kant' }, { '@type': 'Person', name: 'X/1+y' }]);
    expect(ids).toEqual(['terminusdb:///data/Person/Immanuel%20Kant', 'terminusdb:///data/Person/X%2F1%2By']);
  });

  it('generates Hash ids as sha256 of the joined key', () => {
    const s = schema(new FakeSnapshot(), [{
      '@id': 'Employee', '@type': 'Class', '@key': { '@type': 'Hash', '@fields': ['name', 'dob'] }, name: 'xsd:string', dob: 'xsd:date',
    }]);
    const { ids } = insert(s, [{ name: 'jane', dob: '1979-12-28' }]);
    expect(ids[0]).toMatch(/^terminusdb:\/\/\/data\/Employee\/0eda88cd[0-9a-f]{56}$/);
  });

  it('refuses a submitted id that differs from the generated one', () => {
    const e = apiError(() => insert(base(), [{ '@type': 'Person', '@id': 'Person/bob', name: 'alice' }]));
    expect(e.error).toMatchObject({
      '@type': 'api:SubmittedIdDoesNotMatchGeneratedId',
      'api:submitted_id': 'terminusdb:///data/Person/bob',
      'api:generated_id': 'terminusdb:///data/Person/alice',
    });
  });

  it('requires the class prefix for keyless ids', () => {
    const s = schema(new FakeSnapshot(), [{ '@id': 'T', '@type': 'Class' }]);
    expect(insert(s, [{ '@type': 'T', '@id': 'terminusdb:///data/T/0' }]).ids).toEqual(['terminusdb:///data/T/0']);
    expect(apiError(() => insert(s, [{ '@type': 'T', '@id': 'U/0' }])).error).toMatchObject({
      '@type': 'api:SubmittedDocumentIdDoesNotHaveExpectedPrefix', 'api:prefix': 'terminusdb:///data/T/',
    });
  });

  it('reports unknown properties with full IRIs (#1030)', () => {
    const s = schema(new FakeSnapshot(), [{ '@id': 'T', '@type': 'Class' }]);
    expect(apiError(() => insert(s, [{ '@type': 'T', unknown: 'abc' }])).error['api:witnesses']).toEqual([{
      '@type': 'unknown_property_for_type',
      document: { '@type': 'terminusdb:///schema#T', 'terminusdb:///schema#unknown': 'abc' },
      property: ['terminusdb:///schema#unknown'],
      type: 'terminusdb:///schema#T',
    }]);
  });

  it('reports set cardinality witnesses (set-cardinality tests)', () => {
    const s = schema(new FakeSnapshot(), [{ '@id': 'S', '@type': 'Class', a: { '@type': 'Set', '@class': 'xsd:integer', '@cardinality': 1 } }]);
    expect(apiError(() => insert(s, [{ '@type': 'S' }])).error['api:witnesses']).toEqual([{
      '@type': 'required_field_does_not_exist_in_document', document: { '@type': 'terminusdb:///schema#S' }, field: 'terminusdb:///schema#a',
    }]);
    expect(apiError(() => insert(s, [{ '@type': 'S', a: [42, 23, 12] }])).error['api:witnesses']).toEqual([{
      '@type': 'field_has_wrong_cardinality', actual: 3, min: 1, max: 1,
      document: { '@type': 'terminusdb:///schema#S', 'terminusdb:///schema#a': [42, 23, 12] }, field: 'terminusdb:///schema#a',
    }]);
  });

  it('rejects booleans for strings, lists for single values and bad array dimensions (#515, #623, #975)', () => {
    const s = schema(new FakeSnapshot(), [{ '@id': 'T', '@type': 'Class', s: 'xsd:string' },
      { '@id': 'A', '@type': 'Class', s: { '@type': 'Array', '@dimensions': 1, '@class': 'xsd:integer' } }]);
    expect(apiError(() => insert(s, [{ '@type': 'T', s: true }])).error).toEqual({
      '@type': 'api:UnexpectedBooleanValue', 'api:value': true, 'api:expected_type': 'http://www.w3.org/2001/XMLSchema#string',
    });
    expect(apiError(() => insert(s, [{ '@type': 'T', s: ['a', 'b'] }])).error['api:witnesses']).toEqual([{
      '@type': 'unexpected_list', type: 'http://www.w3.org/2001/XMLSchema#string', value: ['a', 'b'],
    }]);
    expect(apiError(() => insert(s, [{ '@type': 'A', s: [[1], [2]] }])).error['api:witnesses']).toEqual([{
      '@type': 'invalid_array_dimensions', array: [[1], [2]], dimensions: 1,
    }]);
  });

  it('wraps a failed nested type inference under the property (#622)', () => {
    const s = schema(new FakeSnapshot(), [{ '@type': 'Class', '@id': 'T1' }, { '@type': 'Class', '@id': 'T2', ref: 'T1' }]);
    expect(apiError(() => insert(s, [{ '@type': 'T2', '@id': 'T2/4', ref: { field: 'abc' } }])).error['api:witnesses']).toEqual([{
      'terminusdb:///schema#ref': { '@type': 'no_unique_type_for_document', document: { field: 'abc' } },
    }]);
  });

  it('refuses duplicate ids, existing ids, and dangling links', () => {
    const { snap } = insert(base(), [{ name: 'a' }]);
    expect(apiError(() => insert(snap, [{ name: 'a' }])).error['@type']).toBe('api:DocumentIdAlreadyExists');
    expect(apiError(() => insert(snap, [{ name: 'b' }, { name: 'b' }])).error).toEqual({
      '@type': 'api:SameDocumentIdsMutatedInOneTransaction', 'api:duplicate_ids': ['terminusdb:///data/Person/b'],
    });
    expect(apiError(() => insert(snap, [{ name: 'c', friend: ['Person/zz'] }])).error['api:witnesses']).toEqual([{
      '@type': 'instance_not_of_class', class: 'terminusdb:///schema#Person', instance: 'terminusdb:///data/Person/zz',
    }]);
  });

  it('replaces (404 when missing, upsert with create) and keeps incoming links (#736)', () => {
    const { snap } = insert(base(), [{ name: 'a' }, { name: 'b', friend: ['Person/a'] }]);
    const e = apiError(() => write(snap, [{ kind: 'replace', graph: 'instance', docs: [{ name: 'q' }] }]));
    expect(e.status).toBe('api:not_found');
    expect(e.error['api:document_id']).toBe('terminusdb:///data/Person/q');
    const r = write(snap, [{ kind: 'replace', graph: 'instance', docs: [{ name: 'a' }, { name: 'q' }], create: true }]);
    expect(r.snap.getDoc('instance', 'Person/b')).toEqual({ '@id': 'Person/b', '@type': 'Person', name: 'b', friend: ['Person/a'] });
  });

  it('cuts incoming links on delete and reports DocumentNotFound with the full IRI', () => {
    const { snap } = insert(base(), [{ name: 'a' }, { name: 'b', friend: ['Person/a'] }]);
    const r = write(snap, [{ kind: 'delete', graph: 'instance', ids: ['Person/a'] }]);
    expect(r.snap.getDoc('instance', 'Person/b')).toEqual({ '@id': 'Person/b', '@type': 'Person', name: 'b' });
    expect(apiError(() => write(snap, [{ kind: 'delete', graph: 'instance', ids: ['Person/x'] }])).error).toEqual({
      '@type': 'api:DocumentNotFound', 'api:document_id': 'terminusdb:///data/Person/x',
    });
  });

  it('embeds subdocuments with path ids, and finds them by id', () => {
    const s = schema(new FakeSnapshot(), [
      { '@id': 'Addr', '@type': 'Class', '@subdocument': [], '@key': { '@type': 'Random' }, city: 'xsd:string' },
      { '@id': 'Doc', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['n'] }, n: 'xsd:string', addr: 'Addr' },
    ]);
    const { snap } = insert(s, [{ n: 'x', addr: { city: 'Oslo' } }]);
    const doc = snap.getDoc('instance', 'Doc/x');
    const addr = doc?.['addr'] as { '@id': string };
    expect(addr['@id']).toMatch(/^Doc\/x\/addr\/Addr\/r\d{15}$/);
    expect(findDocument(snap, 'instance', addr['@id'])).toEqual({ '@id': addr['@id'], '@type': 'Addr', city: 'Oslo' });
    expect(renderDocument(snap, 'instance', doc!, { compressIds: true, unfold: false })['addr']).toBe(addr['@id']);
    expect(renderDocument(snap, 'instance', doc!, { compressIds: false, unfold: true })).toMatchObject({
      '@id': 'terminusdb:///data/Doc/x', '@type': 'terminusdb:///schema#Doc', 'terminusdb:///schema#n': 'x',
    });
  });

  it('casts datatypes to canonical values (#723)', () => {
    const s = schema(new FakeSnapshot(), [{ '@id': 'V', '@type': 'Class', '@key': { '@type': 'Random' },
      d: 'xsd:decimal', b: 'xsd:boolean', t: 'xsd:dateTime', i: { '@type': 'Optional', '@class': 'xsd:integer' } }]);
    const { snap, ids } = insert(s, [{ d: '2.00', b: false, t: '2020-01-01T01:00:00+01:00', i: '7' }]);
    const id = ids[0]!.replace('terminusdb:///data/', '');
    expect(snap.getDoc('instance', id)).toMatchObject({ d: 2, b: false, t: '2020-01-01T00:00:00Z', i: 7 });
    expect(apiError(() => insert(s, [{ d: 'x', b: true, t: '2020-01-01T00:00:00Z' }])).error['@type']).toBe('api:BadCast');
  });
});

describe('reads', () => {
  it('lists subclasses for type= and matches query-by-example', () => {
    let s = schema(new FakeSnapshot(), [person, { '@id': 'Student', '@type': 'Class', '@inherits': 'Person', '@key': { '@type': 'Lexical', '@fields': ['name'] } }]);
    s = insert(s, [{ '@type': 'Student', name: 'a' }, { '@type': 'Person', name: 'b', friend: ['Student/a'] }]).snap;
    expect(typesFor(s, 'instance', 'Person').sort()).toEqual(['Person', 'Student']);
    const q = compileQuery(s, { '@type': 'Person', friend: { name: 'a' } });
    const hits = [...s.ids('instance', q.types)].filter((id) => q.matches(s.getDoc('instance', id)!));
    expect(hits).toEqual(['Person/b']);
    expect(apiError(() => compileQuery(s, { name: 'a' })).error).toEqual({ '@type': 'api:QueryMissingType' });
    expect(apiError(() => compileQuery(s, { '@type': 'Person', x: 1 })).error).toEqual({ '@type': 'api:QueryUnrecognizedPropertyForType' });
  });
});
