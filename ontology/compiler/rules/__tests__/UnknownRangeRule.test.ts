import { describe, expect, it } from 'vitest';
import { UnknownRangeRule } from '../UnknownRangeRule.js';
import { cls, expectValid, runRule } from './harness.js';

describe('UnknownRangeRule', () => {
  it('accepts datatypes, classes and enums as ranges', () => {
    expectValid(UnknownRangeRule, [
      cls('Team'),
      { '@type': 'Enum', '@id': 'Colour', '@value': ['red'] },
      cls('Person', { team: 'Team', colour: { '@type': 'Optional', '@class': 'Colour' }, age: 'xsd:integer', data: 'sys:JSON' }),
    ]);
  });

  it('reports a range that is neither a datatype nor a schema document, naming class and property', () => {
    expect(runRule(UnknownRangeRule, [cls('Person', { team: { '@type': 'Set', '@class': 'Teem' } })])).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_RANGE', document: 'Person', property: 'team', message: expect.stringContaining('"Teem"') }),
    ]);
  });

  it('rejects sys:JSONDocument as a range', () => {
    expect(runRule(UnknownRangeRule, [cls('Person', { raw: 'sys:JSONDocument' })])).toMatchObject([{ code: 'INVALID_RANGE' }]);
  });
});
