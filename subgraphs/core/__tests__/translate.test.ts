import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphql } from '../graphqlRuntime.js';
import { Model } from '../manifest.js';
import { buildCoreSchema } from '../schema/buildCoreSchema.js';
import { toTerminusFilter, toTerminusOrdering } from '../translate/filter.js';
import { planConnection, planObject } from '../translate/planSelection.js';
import { VariableSink } from '../translate/QueryText.js';
import { shapeConnection, typeByClass } from '../translate/shape.js';

const model = new Model();
const schema = buildCoreSchema(model);

function scope(query: string, vars = new VariableSink('p0_')) {
  const doc = parse(query);
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition');
  const fragments = Object.fromEntries(doc.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])));
  if (op?.kind !== 'OperationDefinition') throw new Error('no operation');
  const field = op.selectionSet.selections[0];
  if (field?.kind !== 'Field') throw new Error('no field');
  return { s: { schema, fragments, variables: {}, model, vars }, field };
}

describe('filter translation', () => {
  it('maps field names, enums, links, unions and logic', () => {
    expect(toTerminusFilter(model, 'Dataset', { status: { eq: 'ACTIVE' }, owner: { team: { slug: { eq: 'x' } } }, _or: [{ rowCount: { gt: 5 } }], tags: { someHave: { name: { eq: 'gdpr' } } } })).toEqual({
      status: { eq: 'active' },
      owner: { team: { slug: { eq: 'x' } } },
      _or: [{ rowCount: { gt: '5' } }],
      tags: { someHave: { name: { eq: 'gdpr' } } },
    });
  });

  it('rejects bad values with BAD_USER_INPUT', () => {
    expect(() => toTerminusFilter(model, 'Dataset', { status: { eq: 'NOPE' } })).toThrow(/Invalid AssetStatus/);
    expect(() => toTerminusFilter(model, 'Dataset', { name: { regex: '(' } })).toThrow(/regular expression/);
  });

  it('renders orderBy as one ordering object, most significant key first', () => {
    expect(toTerminusOrdering(model, 'Dataset', [{ name: 'ASC' }, { createdAt: 'DESC' }, { name: 'DESC' }])).toBe('{name: ASC, createdAt: DESC}');
  });
});

describe('selection translation', () => {
  it('turns a nested selection with fragments into one aliased TerminusDB selection', () => {
    const { s, field } = scope('{ datasets(first: 2) { totalCount edges { node { ...D } } } } fragment D on Dataset { id name project { name } notes(first: 3) { nodes { body } } }');
    const p = planConnection(s, [field], { first: 2 }, { field: 'Dataset', extraArgs: [], countable: 'number', cls: 'Dataset' }, 'Query.datasets', 'Dataset', 'p0');
    expect(p.text.replace(/\s+/g, ' ')).toBe(
      'p0: Dataset(limit: 3) { _id f_name: name f_project: project { _id f_name: name } f_notes: _path_to_Note(path: "<asset", limit: 4) { _id f_body: body } } p0_n: _count(Dataset: $p0_v0)',
    );
    const shaped = shapeConnection({ model, commit: 'c1', typeByClass: typeByClass(model) }, p.plan, [{ _id: 'terminusdb:///data/Dataset/a', f_name: 'A', f_project: null, f_notes: [] }], 1);
    expect(shaped['totalCount']).toBe(1);
    expect((shaped['nodes'] as unknown[])[0]).toEqual({ __typename: 'Dataset', id: 'Dataset/a', name: 'A', project: null, notes: expect.objectContaining({ totalCount: 0 }) });
  });

  it('casts interface values for type-specific fragments', () => {
    const { s, field } = scope('{ asset(id: "x") { name ... on Dataset { path } } }');
    const p = planObject(s, 'Asset', [field.selectionSet!]);
    expect(p.text).toContain('_type');
    expect(p.text).toContain('c_Dataset: _path_to_Dataset(path: ".{0,1}") { _id  f_name: name f_path: path }');
  });

  it('uses the same graphql-js as @apollo/subgraph', () => {
    expect(graphql.isSchema(schema)).toBe(true);
  });
});
