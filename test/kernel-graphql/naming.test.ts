// Generated names and sanitising (TerminusDB's sanitize.rs / naming.rs): ported from TerminusDB
// tests/test/graphql.js ('graphql type renaming works', 'queries a prefix', 'optional rename',
// 'has a renamed enum type', 'can rename in subsumption', 'has a renamed back link',
// 'shadows a graphql type and fails') plus introspection of the generated type names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlDatabase, type GraphQLDatabase } from './fixture.js';

let t: GraphQLDatabase;
beforeAll(async () => {
  t = await graphqlDatabase();
});
afterAll(() => t.close());

const typeNames = async (): Promise<string[]> => {
  const data = await t.data('query { __schema { types { name } } }');
  return data.__schema.types.map((x: { name: string }) => x.name);
};

describe('GraphQL names', () => {
  it('names classes, filters, orderings and enums as TerminusDB does', async () => {
    const types = await typeNames();
    expect(types).toEqual(expect.arrayContaining([
      'Query', 'TerminusMutation', 'Person', 'Person_Filter', 'Person_Ordering', 'prefix_MyClass', 'prefix_MyClass_Filter',
      'prefix_Outer', 'prefix_Inner', 'prefix_Child', 'an_enum', 'an_enum_Enum_Filter', 'Rocks', 'Rocks_Enum_Filter',
      'StringFilter', 'BigIntFilter', 'BigFloatFilter', 'DateTimeFilter', 'BooleanFilter', 'IntFilter', 'FloatFilter',
      'IdFilter', 'TerminusOrdering', 'BigInt', 'BigFloat', 'DateTime', 'JSON', 'GraphType',
    ]));
    const rocks = await t.data('query { __type(name: "an_enum") { enumValues { name } } }');
    expect(rocks.__type.enumValues).toEqual([{ name: 'enum_one' }, { name: 'enum_two' }]);
  });

  it('generates one root field per class with the list arguments', async () => {
    const data = await t.data('query { __type(name: "Query") { fields { name args { name } } } }');
    const fields = new Map<string, string[]>(data.__type.fields.map((f: { name: string; args: { name: string }[] }) => [f.name, f.args.map((a) => a.name)]));
    expect(fields.get('Person')).toEqual(['id', 'ids', 'include_children', 'offset', 'limit', 'filter', 'orderBy']);
    expect(fields.get('prefix_MyClass')).toEqual(expect.arrayContaining(['id', 'ids', 'filter', 'orderBy']));
    expect(fields.get('_getDocument')).toEqual(['id']);
    expect(fields.get('_count')).toEqual(expect.arrayContaining(['Person', 'prefix_MyClass', 'Cat']));
    // No datatype field: no orderBy (must_generate_ordering in schema.rs).
    expect(fields.get('RockSet')).toEqual(['id', 'ids', 'include_children', 'offset', 'limit', 'filter']);
  });

  it('renames types of prefixed classes and their _type', async () => {
    await t.insert({ '@type': 'prefix:Outer', inner: { inner_name: 'This is an inner' } });
    const data = await t.data('query { prefix_Outer { inner { _type inner_name } } }');
    expect(data.prefix_Outer).toEqual([{ inner: { _type: 'prefix_Inner', inner_name: 'This is an inner' } }]);
  });

  it('renames prefixed and badly named properties', async () => {
    await t.insert([{ '@type': 'Prefix', 'prefix:foo': 'baz' }, { '@type': 'BadlyNamedOptional', 'is-it-ok': 'something' }]);
    const data = await t.data('query { Prefix { prefix_foo } BadlyNamedOptional { is_it_ok } }');
    expect(data).toEqual({ Prefix: [{ prefix_foo: 'baz' }], BadlyNamedOptional: [{ is_it_ok: 'something' }] });
  });

  it('renames enum values', async () => {
    await t.insert({ '@type': 'EnumPointer', pointer: 'enum-one' });
    const data = await t.data('query { EnumPointer { pointer } EnumPointer2: EnumPointer(filter: {pointer: {eq: enum_one}}) { pointer } }');
    expect(data).toEqual({ EnumPointer: [{ pointer: 'enum_one' }], EnumPointer2: [{ pointer: 'enum_one' }] });
  });

  it('renames in subsumption (a prefixed subclass of an unprefixed class)', async () => {
    await t.insert({ '@type': 'prefix:Child', parent_name: 'far', child_name: 'further' });
    const data = await t.data('query { UnprefixedParent { _type parent_name } }');
    expect(data.UnprefixedParent).toEqual([{ _type: 'prefix_Child', parent_name: 'far' }]);
  });

  it('renames back links of prefixed properties and classes', async () => {
    await t.insert({ '@type': 'prefix:MyClass', name: 'foo', 'prefix:link': { '@type': 'prefix:MyClass', name: 'bar' } });
    const data = await t.data('query { prefix_MyClass(orderBy: {name: ASC}) { name _prefix_link_of_prefix_MyClass { name } } }');
    expect(data.prefix_MyClass).toEqual([
      { name: 'bar', _prefix_link_of_prefix_MyClass: [{ name: 'foo' }] },
      { name: 'foo', _prefix_link_of_prefix_MyClass: [] },
    ]);
  });

  it('transliterates diacritics and replaces other characters (sanitize.rs)', async () => {
    const u = await graphqlDatabase([
      { '@type': '@context', '@base': 'terminusdb:///data/', '@schema': 'terminusdb:///schema#' },
      { '@id': 'Größe', '@type': 'Class', 'wert-in-€': 'xsd:string', Übermaß: { '@type': 'Optional', '@class': 'xsd:string' } },
    ], [{ '@type': 'Größe', 'wert-in-€': 'x', Übermaß: 'y' }]);
    try {
      const data = await u.data('query { GroeSSe { wert_in__ UEbermaSS } }');
      expect(data.GroeSSe).toEqual([{ wert_in__: 'x', UEbermaSS: 'y' }]);
    } finally {
      await u.close();
    }
  });

  it('answers 500 when a class shadows a GraphQL scalar (BigInt)', async () => {
    const u = await graphqlDatabase();
    try {
      const res = await u.target.request('POST', `/api/document/${u.db.path}`, {
        query: { graph_type: 'schema', author: 'test', message: 'collision' },
        json: { '@type': 'Class', '@id': 'BigInt', bigint: 'xsd:integer' },
      });
      expect(res.status).toBe(200);
      const answer = await u.gql('query { BigInt { bigint } }');
      expect(answer.status).toBe(500);
      expect(answer.body.errors.length).toBeGreaterThan(0);
    } finally {
      await u.close();
    }
  });
});
