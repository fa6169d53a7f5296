import { describe, expect, it } from 'vitest';
import { UnknownParentRule } from '../UnknownParentRule.js';
import { cls, expectValid, runRule } from './harness.js';

describe('UnknownParentRule', () => {
  it('accepts parents that are classes of the schema', () => {
    expectValid(UnknownParentRule, [cls('Asset', {}, { '@abstract': [], '@key': undefined }), cls('Dataset', {}, { '@inherits': 'Asset' })]);
  });

  it('reports a parent that does not exist', () => {
    expect(runRule(UnknownParentRule, [cls('Dataset', {}, { '@inherits': ['Asset'] })])).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_PARENT', document: 'Dataset', property: '@inherits' }),
    ]);
  });
});
