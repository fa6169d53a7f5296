import { describe, expect, it } from 'vitest';
import { KeyFieldsRule } from '../KeyFieldsRule.js';
import { cls, expectValid, runRule } from './harness.js';

describe('KeyFieldsRule', () => {
  it('accepts key fields that are own or inherited single-valued properties', () => {
    expectValid(KeyFieldsRule, [
      cls('Named', {}, { '@abstract': [], '@key': undefined }),
      cls('Model', { version: 'xsd:string' }, { '@inherits': 'Named', '@key': { '@type': 'Hash', '@fields': ['name', 'version'] } }),
    ]);
  });

  it('reports a key field the class does not have', () => {
    expect(runRule(KeyFieldsRule, [cls('Person', {}, { '@key': { '@type': 'Lexical', '@fields': ['email'] } })])).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_KEY_FIELD', document: 'Person', property: '@key' }),
    ]);
  });

  it('reports collection key fields and keys on abstract classes', () => {
    const errors = runRule(KeyFieldsRule, [
      cls('Person', { tags: { '@type': 'Set', '@class': 'xsd:string' } }, { '@abstract': [], '@key': { '@type': 'Lexical', '@fields': ['tags'] } }),
    ]);
    expect(errors.map((e) => e.code)).toEqual(['KEY_ON_ABSTRACT', 'COLLECTION_KEY_FIELD']);
  });
});
