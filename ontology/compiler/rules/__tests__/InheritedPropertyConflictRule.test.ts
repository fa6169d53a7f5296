import { describe, expect, it } from 'vitest';
import { InheritedPropertyConflictRule } from '../InheritedPropertyConflictRule.js';
import { cls, expectValid, runRule } from './harness.js';

describe('InheritedPropertyConflictRule', () => {
  it('accepts the same property inherited twice with the same range', () => {
    expectValid(InheritedPropertyConflictRule, [
      cls('A', { at: 'xsd:dateTime' }), cls('B', { at: 'xsd:dateTime' }), cls('C', {}, { '@inherits': ['A', 'B'] }),
    ]);
  });

  it('reports a property whose parents disagree', () => {
    expect(runRule(InheritedPropertyConflictRule, [
      cls('A', { at: 'xsd:dateTime' }), cls('B', { at: { '@type': 'Optional', '@class': 'xsd:string' } }), cls('C', {}, { '@inherits': ['A', 'B'] }),
    ])).toEqual([expect.objectContaining({ code: 'PROPERTY_CONFLICT', document: 'C', property: 'at' })]);
  });
});
