import { describe, expect, it } from 'vitest';
import { parseSchema } from '../parseSchema.js';

const parse = (...documents: unknown[]) => parseSchema(documents.map((document) => ({ file: 'ontology/schema/x.json', document })));

describe('parseSchema', () => {
  it('reads the context, classes with families, keys, flags, documentation and metadata', () => {
    const { model, diagnostics } = parse(
      { '@type': '@context', '@base': 'terminusdb:///data/', '@schema': 'terminusdb:///schema#', xsd: 'http://www.w3.org/2001/XMLSchema#' },
      {
        '@type': 'Class', '@id': 'Person', '@key': { '@type': 'Lexical', '@fields': ['handle'] },
        '@documentation': { '@comment': 'Someone.', '@properties': { email: 'Work e-mail.' } },
        '@metadata': { authenticated: true, properties: { email: { pii: true, scopes: ['pii:read'] } } },
        handle: 'xsd:string', email: 'http://www.w3.org/2001/XMLSchema#string',
        teams: { '@type': 'Set', '@class': 'terminusdb:///schema#Team', '@min_cardinality': 1 },
      },
    );
    expect(diagnostics).toEqual([]);
    const person = model.documents.get('Person');
    expect(person).toMatchObject({
      kind: 'Class', comment: 'Someone.', key: { type: 'Lexical', fields: ['handle'] }, file: 'ontology/schema/x.json',
      metadata: { authenticated: true, properties: { email: { pii: true, scopes: ['pii:read'] } } },
      properties: [
        { name: 'handle', family: 'Required', range: 'xsd:string' },
        { name: 'email', family: 'Required', range: 'xsd:string', comment: 'Work e-mail.' },
        { name: 'teams', family: 'Set', range: 'Team', minCardinality: 1 },
      ],
    });
    expect(model.context.prefixes).toEqual({ xsd: 'http://www.w3.org/2001/XMLSchema#' });
  });

  it('marks @oneOf members and reads enums with value comments', () => {
    const { model } = parse(
      { '@type': 'Class', '@id': 'Note', body: 'xsd:string', '@oneOf': { asset: 'Asset', incident: 'Incident' } },
      { '@type': 'Enum', '@id': 'Level', '@value': ['low', 'high'], '@documentation': { '@values': { low: 'Fine.' } } },
    );
    expect(model.documents.get('Note')).toMatchObject({ properties: [{ name: 'body' }, { name: 'asset', oneOfGroup: 0 }, { name: 'incident', oneOfGroup: 0 }] });
    expect(model.documents.get('Level')).toMatchObject({ values: ['low', 'high'], valueComments: { low: 'Fine.' } });
  });

  it('reports malformed documents with the file, document and property at fault', () => {
    const { diagnostics } = parse(
      { '@type': 'Class', '@id': 'Person', teams: { '@type': 'Bag', '@class': 'Team' }, '@label': 'x' },
      { '@type': 'Class', '@id': 'Team', '@key': { '@type': 'Lexical' }, '@metadata': { embed: 'name' } },
      { '@type': 'Enum', '@id': 'Level', '@value': [] },
      { '@type': 'Klass', '@id': 'Thing' },
      { '@type': 'Class' },
      { '@type': 'Class', '@id': 'Person' },
    );
    expect(diagnostics.map((d) => [d.code, d.document, d.property])).toEqual([
      ['BAD_RANGE', 'Person', 'teams'],
      ['AT_PREFIXED_PROPERTY', 'Person', '@label'],
      ['BAD_KEY', 'Team', '@key'],
      ['BAD_METADATA', 'Team', undefined],
      ['INVALID_ENUM_VALUES', 'Level', '@value'],
      ['UNKNOWN_SCHEMA_TYPE', 'Thing', undefined],
      ['MISSING_FIELD', undefined, undefined],
      ['DUPLICATE_ID', 'Person', undefined],
    ]);
    expect(diagnostics[0]?.message).toBe('ontology/schema/x.json: Person.teams: @type must be one of Optional, Set, List, Array, Cardinality, got "Bag"');
  });
});
