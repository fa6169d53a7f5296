import { describe, expect, it } from 'vitest';
import { MetadataReferenceRule } from '../MetadataReferenceRule.js';
import { cls, expectValid, runRule } from './harness.js';

const owner = { '@type': 'TaggedUnion', '@id': 'Owner', '@subdocument': [], '@key': { '@type': 'Random' }, team: 'Team' };

describe('MetadataReferenceRule', () => {
  it('accepts metadata naming existing properties, text embeds and link paths', () => {
    expectValid(MetadataReferenceRule, [
      cls('Team'), owner,
      cls('Person', { email: 'xsd:string', bio: 'xsd:string', team: 'Team', owner: 'Owner' }, {
        '@metadata': {
          properties: { email: { pii: true, scopes: ['pii:read'] } }, embed: ['bio'],
          graphql: { backlinks: { team: 'members', 'owner.team': 'owned' } },
        },
      }),
    ]);
  });

  it('reports unknown properties, non-text embeds and backlink paths that are not links', () => {
    const errors = runRule(MetadataReferenceRule, [
      cls('Person', { age: 'xsd:integer' }, { '@metadata': { properties: { email: { pii: true } }, embed: ['age'], graphql: { backlinks: { age: 'x' } } } }),
    ]);
    expect(errors.map((e) => e.property)).toEqual(['email', 'age', 'age']);
    expect(errors.every((e) => e.code === 'UNKNOWN_METADATA_PROPERTY')).toBe(true);
  });
});
