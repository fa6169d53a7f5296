import { describe, expect, it } from 'vitest';
import { ReservedNameRule } from '../ReservedNameRule.js';
import { cls, expectValid, runRule } from './harness.js';

describe('ReservedNameRule', () => {
  it('accepts ordinary names', () => {
    expectValid(ReservedNameRule, [cls('Dataset', { identifier: 'xsd:string' })]);
  });

  it('reports classes named like built-in types and properties named id or _x', () => {
    const errors = runRule(ReservedNameRule, [cls('PageInfo'), cls('Query'), cls('Person', { id: 'xsd:string', _type: 'xsd:string' })]);
    expect(errors.map((e) => [e.code, e.document, e.property])).toEqual([
      ['RESERVED_NAME', 'PageInfo', undefined],
      ['RESERVED_NAME', 'Query', undefined],
      ['RESERVED_NAME', 'Person', 'id'],
      ['RESERVED_NAME', 'Person', '_type'],
    ]);
  });
});
