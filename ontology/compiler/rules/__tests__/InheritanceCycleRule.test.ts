import { describe, expect, it } from 'vitest';
import { InheritanceCycleRule } from '../InheritanceCycleRule.js';
import { cls, expectValid, runRule } from './harness.js';

describe('InheritanceCycleRule', () => {
  it('accepts a diamond', () => {
    expectValid(InheritanceCycleRule, [
      cls('A'), cls('B', {}, { '@inherits': 'A' }), cls('C', {}, { '@inherits': 'A' }), cls('D', {}, { '@inherits': ['B', 'C'] }),
    ]);
  });

  it('reports every class on a cycle with the path', () => {
    const errors = runRule(InheritanceCycleRule, [cls('A', {}, { '@inherits': 'B' }), cls('B', {}, { '@inherits': 'A' }), cls('C', {}, { '@inherits': 'A' })]);
    expect(errors.map((e) => e.document)).toEqual(['A', 'B']);
    expect(errors[0]?.message).toContain('A → B → A');
  });
});
