import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors.js';
import { applyConflictError, applyDocumentPatch, diffDocuments, patchConflictError } from '../index.js';
import type { JsonObject } from '../../types.js';

// Shapes from terminusdb/terminusdb tests/test/diff-id.js, tests/test/patch.js and
// src/core/document/apply.pl (InsertConflict / DeleteConflict witnesses).
const swap = (b: string, a: string): JsonObject => ({ '@op': 'SwapValue', '@before': b, '@after': a });
const foo = { '@id': 'T/1', '@type': 'T', name: 'foo' };

describe('diffDocuments', () => {
  it('diffs two versions of a document with @id (diff-id.js "diff two_documents")', () => {
    const before = { '@id': 'T/1', '@type': 'T', a: 'pickles and eggs' };
    expect(diffDocuments(before, { ...before, a: 'vegan sausage' })).toEqual({
      '@id': 'T/1',
      a: { '@after': 'vegan sausage', '@before': 'pickles and eggs', '@op': 'SwapValue' },
    });
  });

  it('gives Insert, Delete, or undefined when unchanged', () => {
    expect(diffDocuments(undefined, foo)).toEqual({ '@op': 'Insert', '@insert': foo });
    expect(diffDocuments(foo, undefined)).toEqual({ '@op': 'Delete', '@delete': foo });
    expect(diffDocuments(foo, { ...foo })).toBeUndefined();
    expect(diffDocuments(undefined, undefined)).toBeUndefined();
  });
});

describe('applyDocumentPatch', () => {
  it('applies an object patch (patch.js "applies patch to db")', () => {
    expect(applyDocumentPatch(foo, { '@id': 'T/1', name: swap('foo', 'bar') })).toEqual({
      ok: true,
      value: { ...foo, name: 'bar' },
    });
  });

  it('reports conflicts with the document @id (patch.js "gets a conflict")', () => {
    expect(applyDocumentPatch(foo, { '@id': 'T/1', name: swap('quux', 'zippo') })).toEqual({
      ok: false,
      conflict: { '@id': 'T/1', name: { '@expected': 'quux', '@found': 'foo', '@op': 'Conflict' } },
    });
  });

  it('honours match_final_state (patch.js "with/without final state match")', () => {
    const bar = { ...foo, name: 'bar' };
    const p = { '@id': 'T/1', name: swap('foo', 'bar') };
    expect(applyDocumentPatch(bar, p)).toEqual({ ok: true, value: bar });
    expect(applyDocumentPatch(bar, p, { matchFinalState: false })).toEqual({
      ok: false,
      conflict: { '@id': 'T/1', name: { '@expected': 'foo', '@found': 'bar', '@op': 'Conflict' } },
    });
  });

  it('drops properties patched to null', () => {
    expect(applyDocumentPatch(foo, { '@id': 'T/1', name: { '@op': 'SwapValue', '@before': 'foo', '@after': null } })).toEqual({
      ok: true,
      value: { '@id': 'T/1', '@type': 'T' },
    });
  });

  it('inserts and deletes whole documents, with InsertConflict / DeleteConflict witnesses', () => {
    const expandId = (id: string): string => `terminusdb:///data/${id}`;
    expect(applyDocumentPatch(undefined, { '@op': 'Insert', '@insert': foo })).toEqual({ ok: true, value: foo });
    expect(applyDocumentPatch(foo, { '@op': 'Insert', '@insert': foo }, { expandId })).toEqual({
      ok: false,
      conflict: { '@op': 'InsertConflict', '@id_already_exists': 'terminusdb:///data/T/1' },
    });
    expect(applyDocumentPatch(foo, { '@op': 'Delete', '@delete': foo })).toEqual({ ok: true, value: undefined });
    expect(applyDocumentPatch(undefined, { '@op': 'Delete', '@delete': foo }, { expandId })).toEqual({
      ok: false,
      conflict: { '@op': 'DeleteConflict', '@id_does_not_exists': 'terminusdb:///data/T/1' },
    });
  });

  it('throws api:DocumentNotFound for an object patch of a missing document', () => {
    expect(() => applyDocumentPatch(undefined, { '@id': 'T/9', name: swap('a', 'b') })).toThrow(ApiError);
  });
});

describe('conflict errors', () => {
  it('builds the 409 api:PatchResponse of patch.js', () => {
    const error = patchConflictError([{ '@id': 'T/1', name: { '@op': 'Conflict', '@expected': 'quux', '@found': 'foo' } }]);
    expect(error.httpStatus).toBe(409);
    expect(error.envelopeType).toBe('api:PatchResponse');
    expect(error.message).toBe('The patch did not apply cleanly because of the attached conflicts');
    expect(error.error).toEqual({
      '@type': 'api:PatchConflict',
      'api:conflicts': [{ '@id': 'T/1', name: { '@op': 'Conflict', '@expected': 'quux', '@found': 'foo' } }],
    });
  });

  it('builds the 409 api:ApplyError with witnesses and no api:error', () => {
    const error = applyConflictError([{ '@op': 'DeleteConflict', '@id_does_not_exists': 'x' }]);
    expect(error.httpStatus).toBe(409);
    expect(error.envelopeType).toBe('api:ApplyError');
    expect(error.error).toBeUndefined();
    expect(error.extra).toEqual({ 'api:witnesses': [{ '@op': 'DeleteConflict', '@id_does_not_exists': 'x' }] });
  });
});
