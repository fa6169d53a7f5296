import { describe, expect, it } from 'vitest';
import { UnsupportedConstructRule } from '../UnsupportedConstructRule.js';
import { cls, expectValid, runRule } from './harness.js';

describe('UnsupportedConstructRule', () => {
  it('accepts a subdocument tagged union with a unit branch', () => {
    expectValid(UnsupportedConstructRule, [
      { '@type': 'TaggedUnion', '@id': 'Trigger', '@subdocument': [], '@key': { '@type': 'Random' }, cron: 'xsd:string', manual: 'sys:Unit' },
      cls('Pipeline', { trigger: 'Trigger' }),
    ]);
  });

  it('reports a top-level tagged union, a set of unions and sys:Unit on a class', () => {
    const errors = runRule(UnsupportedConstructRule, [
      { '@type': 'TaggedUnion', '@id': 'Shape', circle: 'xsd:string', square: 'xsd:string' },
      cls('Drawing', { shapes: { '@type': 'Set', '@class': 'Shape' }, done: 'sys:Unit' }),
    ]);
    expect(errors.map((e) => [e.document, e.property])).toEqual([['Shape', undefined], ['Drawing', 'shapes'], ['Drawing', 'done']]);
  });
});
