import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors.js';
import { parseDiffRequest } from '../index.js';
import type { Json } from '../../types.js';

function thrown(body: Json): ApiError {
  try {
    parseDiffRequest(body);
  } catch (e) {
    if (e instanceof ApiError) return e;
  }
  throw new Error('expected an ApiError');
}

describe('parseDiffRequest', () => {
  it('accepts the four field choices of /api/diff', () => {
    expect(parseDiffRequest({ before: 1, after: 2 })).toMatchObject({ kind: 'values', before: 1, after: 2, copyValue: false });
    expect(parseDiffRequest({ before_data_version: 'a', after_data_version: 'b' })).toMatchObject({ kind: 'versions' });
    expect(parseDiffRequest({ before_data_version: 'a', after_data_version: 'b', document_id: 'T/1' })).toMatchObject({
      kind: 'document',
      documentId: 'T/1',
    });
    expect(parseDiffRequest({ before_data_version: 'a', after: { '@id': 'T/1' }, document_id: 'T/1' })).toMatchObject({
      kind: 'submitted',
    });
  });

  it('defaults keep to {"@id":true,"_id":true} and reads copy_value', () => {
    expect(parseDiffRequest({ before: 1, after: 2, copy_value: true })).toMatchObject({
      keep: { '@id': true, _id: true },
      copyValue: true,
    });
  });

  it('throws api:RequiredFieldsChoiceMissing when no choice matches (client sends id, §13)', () => {
    const error = thrown({ before_data_version: 'a', after: {}, id: 'T/1' });
    expect(error.httpStatus).toBe(400);
    expect(error.envelopeType).toBe('api:BadAPIDocumentErrorResponse');
    expect(error.error).toMatchObject({
      '@type': 'api:RequiredFieldsChoiceMissing',
      'api:expected': [
        ['before', 'after'],
        ['before_data_version', 'after_data_version'],
        ['before_data_version', 'after_data_version', 'document_id'],
        ['before_data_version', 'after', 'document_id'],
      ],
    });
  });
});
