import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SCHEMA_DIR } from '../../paths.js';
import { compileOntology } from '../compileOntology.js';
import { loadSchemaDir } from '../loadSchemaDir.js';
import type { ModelManifest } from '../manifest/types.js';

function compileReal(): { sdl: string; manifest: ModelManifest } {
  const result = compileOntology(loadSchemaDir(SCHEMA_DIR, REPO_ROOT));
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result;
}

describe('compileOntology', () => {
  const { sdl, manifest } = compileReal();
  const schema: GraphQLSchema = buildSubgraphSchema({ typeDefs: parse(sdl) });

  it('produces SDL that builds as an Apollo subgraph and composes alone without errors', () => {
    const result = composeServices([{ name: 'core', typeDefs: parse(sdl), url: 'http://core.invalid/graphql' }]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain('@oneOf');
  });

  it('is deterministic: two builds give identical bytes', () => {
    const again = compileReal();
    expect(again.sdl).toBe(sdl);
    expect(JSON.stringify(again.manifest)).toBe(JSON.stringify(manifest));
  });

  it('maps document classes to entities, abstract classes to interfaces, tagged unions to unions', () => {
    // graphql-js kind checks fail across module instances here (ESM test vs CJS federation), so use AST kinds.
    const kind = (name: string): string | undefined => schema.getType(name)?.astNode?.kind;
    expect(kind('Asset')).toBe(Kind.INTERFACE_TYPE_DEFINITION);
    expect(kind('Dataset')).toBe(Kind.OBJECT_TYPE_DEFINITION);
    expect(kind('Owner')).toBe(Kind.UNION_TYPE_DEFINITION);
    expect(sdl).toMatch(/^type Dataset implements Asset @key\(fields: "id"\) \{$/m);
    expect(sdl).toMatch(/^type Column \{$/m);
  });

  it('carries access policy from the ontology metadata', () => {
    expect(sdl).toMatch(/^type Person @key\(fields: "id"\) @authenticated \{$/m);
    expect(sdl).toContain('email: String! @requiresScopes(scopes: [["pii:read"]])');
    expect(sdl).toMatch(/^type AccessGrant @key\(fields: "id"\) @authenticated @requiresScopes\(scopes: \[\["access:read"\]\]\) \{$/m);
  });

  it('exposes root fields with ref, connections with totalCount, backlinks, mutations and branch operations', () => {
    const query = schema.getQueryType()?.getFields() ?? {};
    expect(query['datasets']?.args.map((a) => a.name)).toEqual(['filter', 'orderBy', 'first', 'after', 'ref']);
    expect(query['dataset']?.args.map((a) => a.name)).toEqual(['id', 'ref']);
    const mutation = schema.getMutationType()?.getFields() ?? {};
    expect(Object.keys(mutation)).toEqual(expect.arrayContaining([
      'createDataset', 'updateDataset', 'replaceDataset', 'deleteDataset', 'commit', 'createBranch', 'deleteBranch', 'promoteBranch',
    ]));
    expect(String((schema.getType('DatasetConnection') as GraphQLObjectType).getFields()['totalCount']?.type)).toBe('Int!');
    expect(manifest.types['Dataset']).toMatchObject({ fields: { consumers: { kind: 'backlink', source: 'Transform', path: ['inputs'] } } });
    expect(manifest.types['Team']).toMatchObject({ fields: { ownedAssets: { kind: 'backlink', source: 'Asset', path: ['owner', 'team'] } } });
  });

  it('fails with NAME_CLASH diagnostics instead of printing clashing names', () => {
    const result = compileOntology([
      { file: 'a.json', document: { '@type': 'Class', '@id': 'Data-Set', name: 'xsd:string' } },
      { file: 'b.json', document: { '@type': 'Class', '@id': 'Data_Set', name: 'xsd:string' } },
    ]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics.map((d) => d.code)).toContain('NAME_CLASH');
  });
});
