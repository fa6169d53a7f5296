import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors.js';
import { diff } from '../index.js';
import type { JsonObject } from '../../types.js';

// Expected outputs from terminusdb/terminusdb src/core/document/diff.pl (plunit `simple_diff`)
// and tests/test/diff.js. The plunit tests pass `keep` explicitly (json{} unless stated).
const swap = (b: unknown, a: unknown): JsonObject => ({ '@op': 'SwapValue', '@before': b, '@after': a }) as JsonObject;
const ludwig = { '@id': 'Person/Ludwig', '@type': 'Person', name: 'Ludwig' };
const address = (id: number, line: string): JsonObject => ({
  '@id': `Person/Ludwig/Address/addresses/${id}`,
  '@type': 'Address',
  address1: line,
  address2: null,
  city: 'Vienna',
  country: 'Austria',
});

describe('diff', () => {
  it('diffs top-level scalars to a SwapValue (diff.js "gets a value diff")', () => {
    expect(diff('asdf', 'fdsa')).toEqual({ '@after': 'fdsa', '@before': 'asdf', '@op': 'SwapValue' });
  });

  it('gives {} for equal scalars', () => {
    expect(diff(1, 1)).toEqual({});
  });

  it('diffs only the changed keys (simple_diff)', () => {
    expect(diff(ludwig, { ...ludwig, name: 'Ludo' }, { keep: {} })).toEqual({ name: swap('Ludwig', 'Ludo') });
  });

  it('copies kept keys (simple_diff_id)', () => {
    expect(diff(ludwig, { ...ludwig, name: 'Ludo' }, { keep: { '@id': true } })).toEqual({
      '@id': 'Person/Ludwig',
      name: swap('Ludwig', 'Ludo'),
    });
  });

  it('keeps @id and _id by default and returns {"@id"} for identical documents', () => {
    expect(diff(ludwig, { ...ludwig, name: 'Ludo' })).toEqual({ '@id': 'Person/Ludwig', name: swap('Ludwig', 'Ludo') });
    expect(diff(ludwig, ludwig)).toEqual({ '@id': 'Person/Ludwig' });
  });

  it('applies nested keep to nested objects (simple_diff_deep_value)', () => {
    const before = { ...ludwig, address: address(1, 'Mölker Bastei 8') };
    const after = { ...before, name: 'Ludo' };
    expect(diff(before, after, { keep: { address: { city: true } } })).toEqual({
      name: swap('Ludwig', 'Ludo'),
      address: { city: 'Vienna' },
    });
  });

  it('throws api:ExplicitlyCopiedKeyError when a kept key changes (simple_diff_error)', () => {
    const after = { ...ludwig, '@id': 'Person/Ludwig_the_third', name: 'Ludo' };
    let error: unknown;
    try {
      diff(ludwig, after, { keep: { '@id': true } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.httpStatus).toBe(400);
    expect(api.envelopeType).toBe('api:DiffErrorResponse');
    expect(api.error).toEqual({
      '@type': 'api:ExplicitlyCopiedKeyError',
      'api:key': '@id',
      'api:before': 'Person/Ludwig',
      'api:after': 'Person/Ludwig_the_third',
    });
  });

  it('swaps dropped and introduced keys against null (introduce_drop)', () => {
    expect(diff({ asdf: 'fdsa' }, { name: 'Ludo' }, { keep: {} })).toEqual({
      asdf: swap('fdsa', null),
      name: swap(null, 'Ludo'),
    });
  });

  it('swaps in a whole new nested object (introduce_deep)', () => {
    expect(diff({}, { name: { asdf: 'Ludo' } }, { keep: {} })).toEqual({ name: swap(null, { asdf: 'Ludo' }) });
  });

  it('appends with CopyList + SwapList + KeepList (simple_list_diff)', () => {
    expect(diff([1], [1, 2])).toEqual({
      '@op': 'CopyList',
      '@to': 1,
      '@rest': { '@op': 'SwapList', '@before': [], '@after': [2], '@rest': { '@op': 'KeepList' } },
    });
  });

  it('removes a middle element (simple_list_diff_middle)', () => {
    expect(diff([1, 2, 3], [1, 3])).toEqual({
      '@op': 'CopyList',
      '@to': 1,
      '@rest': { '@op': 'SwapList', '@before': [2], '@after': [], '@rest': { '@op': 'KeepList' } },
    });
  });

  it('appends a subdocument to a list (deep_list_diff_append)', () => {
    const before = { ...ludwig, addresses: [address(1, 'Mölker Bastei 8')] };
    const after = { ...ludwig, addresses: [address(1, 'Mölker Bastei 8'), address(2, 'Probusgasse 6')] };
    expect(diff(before, after, { keep: {} })).toEqual({
      addresses: {
        '@op': 'CopyList',
        '@to': 1,
        '@rest': { '@op': 'SwapList', '@before': [], '@after': [address(2, 'Probusgasse 6')], '@rest': { '@op': 'KeepList' } },
      },
    });
  });

  it('inserts in the middle of a list alongside value swaps (list_middle)', () => {
    const before = { asdf: 'fdsa', bar: 'baz', list: [1, 2, 3, 5, 6] };
    const after = { asdf: 'ooo', bar: 'bazz', list: [1, 2, 3, 4, 5, 6] };
    expect(diff(before, after, { keep: {} })).toEqual({
      asdf: swap('fdsa', 'ooo'),
      bar: swap('baz', 'bazz'),
      list: {
        '@op': 'CopyList',
        '@to': 3,
        '@rest': { '@op': 'SwapList', '@before': [], '@after': [4], '@rest': { '@op': 'KeepList' } },
      },
    });
  });

  it('patches list elements in place when cheaper (deep_list_diff, blocked upstream)', () => {
    const before = { ...ludwig, addresses: [address(1, 'Mölker Bastei 7')] };
    const after = { ...ludwig, addresses: [address(1, 'Mölker Bastei 8')] };
    expect(diff(before, after, { keep: {} })).toEqual({
      addresses: [{ address1: swap('Mölker Bastei 7', 'Mölker Bastei 8') }],
    });
  });

  it('uses PatchList inside a list when cheaper than the LCS diff', () => {
    expect(diff(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual({
      '@op': 'CopyList',
      '@to': 1,
      '@rest': { '@op': 'PatchList', '@patch': [swap('b', 'x')], '@rest': { '@op': 'KeepList' } },
    });
  });

  it('drops unchanged lists and gives KeepList for equal top-level lists', () => {
    expect(diff({ l: [1, 2] }, { l: [1, 2] }, { keep: {} })).toEqual({});
    expect(diff([1, 2], [1, 2])).toEqual({ '@op': 'KeepList' });
  });

  it('carries @value on CopyList and KeepList with copy_value', () => {
    expect(diff([1, 2, 3], [1, 3], { copyValue: true })).toEqual({
      '@op': 'CopyList',
      '@to': 1,
      '@value': [1],
      '@rest': { '@op': 'SwapList', '@before': [2], '@after': [], '@rest': { '@op': 'KeepList', '@value': [3] } },
    });
    expect(diff({ l: [1] }, { l: [1] }, { keep: {}, copyValue: true })).toEqual({ l: { '@op': 'KeepList', '@value': [1] } });
  });

  it('swaps values whose type changes', () => {
    expect(diff({ a: { x: 1 } }, { a: 5 }, { keep: {} })).toEqual({ a: swap({ x: 1 }, 5) });
    expect(diff({ a: [1] }, { a: 'one' }, { keep: {} })).toEqual({ a: swap([1], 'one') });
  });

  it('does not repeat @id inside nested objects', () => {
    const before = { '@id': 'A/1', sub: { '@id': 'A/1/sub', v: 1 } };
    const after = { '@id': 'A/1', sub: { '@id': 'A/1/sub', v: 2 } };
    expect(diff(before, after)).toEqual({ '@id': 'A/1', sub: { v: swap(1, 2) } });
  });
});
