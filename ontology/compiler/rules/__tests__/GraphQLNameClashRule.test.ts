import { describe, expect, it } from 'vitest';
import { GraphQLNameClashRule } from '../GraphQLNameClashRule.js';
import { cls, expectValid, runRule } from './harness.js';

describe('GraphQLNameClashRule', () => {
  it('accepts distinct names', () => {
    expectValid(GraphQLNameClashRule, [cls('Team'), cls('Person', { team: 'Team' }, { '@metadata': { graphql: { backlinks: { team: 'members' } } } })]);
  });

  it('reports classes whose names sanitise to the same GraphQL name', () => {
    expect(runRule(GraphQLNameClashRule, [cls('Data-Set'), cls('Data_Set')])).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'NAME_CLASH', document: 'Data_Set', message: expect.stringContaining('"Data_Set"') })]),
    );
  });

  it('reports a class that takes a generated type name, and clashing properties and enum values', () => {
    const messages = runRule(GraphQLNameClashRule, [
      cls('Team'), cls('TeamFilter'),
      cls('Person', { 'e-mail': 'xsd:string', e_mail: 'xsd:string' }),
      { '@type': 'Enum', '@id': 'Level', '@value': ['high-risk', 'high_risk'] },
    ]).map((e) => e.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringContaining('GraphQL type "TeamFilter"'),
      expect.stringContaining('fields of type Person "e_mail"'),
      expect.stringContaining('values of enum Level "HIGH_RISK"'),
    ]));
  });

  it('reports a backlink that clashes with a property of its target and a root field clash', () => {
    const messages = runRule(GraphQLNameClashRule, [
      cls('Team', { members: 'xsd:string' }),
      cls('Person', { team: 'Team' }, { '@metadata': { graphql: { backlinks: { team: 'members' }, plural: 'teams' } } }),
    ]).map((e) => e.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringContaining('fields of type Team "members"'),
      expect.stringContaining('Query fields "teams"'),
    ]));
  });
});
