import { describe, expect, it } from 'vitest';
import { patch } from '../index.js';
import type { Json, JsonObject } from '../../types.js';

// Expected outputs from terminusdb/terminusdb src/core/document/patch.pl (plunit
// `simple_patch`, run there with Options [] = match_final_state off unless stated) and
// tests/test/patch.js.
const swap = (b: Json, a: Json): JsonObject => ({ '@op': 'SwapValue', '@before': b, '@after': a });
const conflict = (expected: Json, found: Json): JsonObject => ({ '@op': 'Conflict', '@expected': expected, '@found': found });
const strict = { matchFinalState: false };
const person = { '@id': 'Person/1', '@type': 'Person', name: 'jim', dob: '2009-08-03' };
const beethoven = {
  '@id': 'Person/1',
  '@type': 'Person',
  name: 'Beethoven',
  dob: '1770-12-17',
  address: { address1: 'Probusgasse 6', address2: 'Heiligenstadt', city: 'Vienna', country: 'Austria' },
};

describe('patch', () => {
  it('swaps a value (flat_patch)', () => {
    expect(patch(person, { name: swap('jim', 'james') }, strict)).toEqual({ ok: true, value: { ...person, name: 'james' } });
  });

  it('reports a conflict at the key (flat_patch_conflict, bad_read_state)', () => {
    expect(patch(person, { name: swap('joe', 'james') }, strict)).toEqual({
      ok: false,
      conflict: { name: conflict('joe', 'jim') },
    });
  });

  it('adds a missing value from null (flat_patch_missing)', () => {
    const { dob: _dob, ...noDob } = person;
    expect(patch(noDob, { dob: swap(null, '2009-08-03') }, strict)).toEqual({ ok: true, value: person });
  });

  it('drops a value to null (flat_drop_value)', () => {
    expect(patch(person, { dob: swap('2009-08-03', null) }, strict)).toEqual({ ok: true, value: { ...person, dob: null } });
  });

  it('patches nested objects (deep_swap_drop_value)', () => {
    const p = { address: { address1: swap('Probusgasse 6', 'Mölker Bastei 8'), address2: swap('Heiligenstadt', null) } };
    expect(patch(beethoven, p, strict)).toEqual({
      ok: true,
      value: { ...beethoven, address: { address1: 'Mölker Bastei 8', address2: null, city: 'Vienna', country: 'Austria' } },
    });
  });

  it('reports only the conflicting nested key (deep_swap_wrong_value)', () => {
    const p = { address: { address1: swap('Probusgasse 7', 'Mölker Bastei 8'), address2: swap('Heiligenstadt', null) } };
    expect(patch(beethoven, p, strict)).toEqual({
      ok: false,
      conflict: { address: { address1: conflict('Probusgasse 7', 'Probusgasse 6') } },
    });
  });

  it('removes a list element with CopyList + SwapList (flat_list_diff)', () => {
    const before = { '@id': 'Person/1', '@type': 'Person', name: 'jim', friends: ['Person/2', 'Person/3', 'Person/4'] };
    const p = {
      friends: {
        '@op': 'CopyList',
        '@to': 1,
        '@rest': { '@op': 'SwapList', '@before': ['Person/3'], '@after': [], '@rest': { '@op': 'KeepList' } },
      },
    };
    expect(patch(before, p, strict)).toEqual({ ok: true, value: { ...before, friends: ['Person/2', 'Person/4'] } });
  });

  it('aligns list conflicts with nulls (deep_list_patch_conflict)', () => {
    const addr = (id: number, line: string): JsonObject => ({
      '@id': `Person/jim/Address/addresses/${id}`,
      '@type': 'Address',
      address1: line,
      address2: null,
      city: 'Vienna',
      country: 'Austria',
    });
    const before = { '@id': 'Person/Ludwig', '@type': 'Person', name: 'Ludwig', addresses: [addr(1, 'Mölker Bastei 8'), addr(2, 'Probusgasse 7')] };
    const p = {
      addresses: {
        '@op': 'CopyList',
        '@to': 1,
        '@rest': {
          '@op': 'PatchList',
          '@patch': [{ address1: swap('Probusgasse 6', 'Probusgasse 6') }],
          '@rest': { '@op': 'KeepList' },
        },
      },
    };
    expect(patch(before, p, strict)).toEqual({
      ok: false,
      conflict: { addresses: [null, { address1: conflict('Probusgasse 6', 'Probusgasse 7') }] },
    });
  });

  it('checks copied plain values as read state (read_state, deep_read_state)', () => {
    const ludwig = { '@id': 'Person/Ludwig', '@type': 'Person', name: 'Ludwig', address: { city: 'Vienna', country: 'Austria' } };
    expect(patch(ludwig, { '@id': 'Person/Ludwig', name: swap('Ludwig', 'Ludo'), address: { city: 'Vienna' } }, strict)).toEqual({
      ok: true,
      value: { ...ludwig, name: 'Ludo' },
    });
  });

  it('conflicts on a wrong copied value without match_final_state (deep_read_state_failure)', () => {
    const ludwig = { '@id': 'Person/Ludwig', name: 'Ludwig', address: { city: 'Vienna' } };
    const p = { name: swap('Ludwig', 'Ludo'), address: { city: 'Timbuktu' } };
    expect(patch(ludwig, p, strict)).toEqual({ ok: false, conflict: { address: { city: conflict('Timbuktu', 'Vienna') } } });
  });

  it('accepts a SwapValue whose @after already holds with match_final_state (after_matches_patch, patch.js)', () => {
    const ludwig = { '@id': 'Person/Ludwig', '@type': 'Person', name: 'Ludwig' };
    const p = { '@id': 'Person/Ludwig', name: swap('Ludo', 'Ludwig') };
    expect(patch(ludwig, p)).toEqual({ ok: true, value: ludwig });
    expect(patch(ludwig, p, strict)).toEqual({ ok: false, conflict: { name: conflict('Ludo', 'Ludwig') } });
  });

  it('patches top-level scalars and lists', () => {
    expect(patch('asdf', swap('asdf', 'fdsa'))).toEqual({ ok: true, value: 'fdsa' });
    expect(patch([1, 2], [swap(1, 3), swap(2, 4)])).toEqual({ ok: true, value: [3, 4] });
    expect(patch([1, 2], { '@op': 'KeepList' })).toEqual({ ok: true, value: [1, 2] });
  });

  it('reports SwapList element conflicts', () => {
    const p = { '@op': 'SwapList', '@before': [1, 2], '@after': [3], '@rest': { '@op': 'KeepList' } };
    expect(patch([1, 5, 9], p)).toEqual({ ok: false, conflict: [null, conflict(2, 5), null] });
  });

  it('reports a list too short for CopyList as a whole-list conflict', () => {
    const p = { '@op': 'CopyList', '@to': 3, '@rest': { '@op': 'KeepList' } };
    expect(patch([1], p)).toEqual({ ok: false, conflict: conflict(p, [1]) });
  });
});
