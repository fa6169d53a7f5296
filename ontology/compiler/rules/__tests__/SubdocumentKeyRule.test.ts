import { describe, expect, it } from 'vitest';
import { SubdocumentKeyRule } from '../SubdocumentKeyRule.js';
import { cls, expectValid, runRule } from './harness.js';

describe('SubdocumentKeyRule', () => {
  it('accepts a subdocument with a key', () => {
    expectValid(SubdocumentKeyRule, [cls('Column', {}, { '@subdocument': [] })]);
  });

  it('reports a subdocument without a key', () => {
    expect(runRule(SubdocumentKeyRule, [cls('Column', {}, { '@subdocument': [], '@key': undefined })])).toEqual([
      expect.objectContaining({ code: 'SUBDOCUMENT_KEY_MISSING', document: 'Column', property: '@key' }),
    ]);
  });

  it('reports a subdocument that is also shared', () => {
    expect(runRule(SubdocumentKeyRule, [cls('Column', {}, { '@subdocument': [], '@shared': [] })])).toMatchObject([
      { code: 'INCOMPATIBLE_CLASS_ANNOTATIONS' },
    ]);
  });
});
