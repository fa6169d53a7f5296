import { describe, expect, it } from 'vitest';
import { parseJsonSequence } from '../body.js';
import { findDuplicateKey } from '../duplicateKey.js';

describe('parseJsonSequence', () => {
  it('parses one value', () => {
    expect(parseJsonSequence('{"a":1}')).toEqual([{ a: 1 }]);
  });

  it('parses concatenated and newline-separated values', () => {
    expect(parseJsonSequence('{"a":1}{"b":"}{"}\n[1,2]\n"x" 3 true')).toEqual([{ a: 1 }, { b: '}{' }, [1, 2], 'x', 3, true]);
  });

  it('keeps escaped quotes inside strings', () => {
    expect(parseJsonSequence('{"a":"q\\"}"} {"b":2}')).toEqual([{ a: 'q"}' }, { b: 2 }]);
  });

  it('gives an empty list for white space', () => {
    expect(parseJsonSequence(' \n ')).toEqual([]);
  });

  it('rejects malformed input', () => {
    expect(parseJsonSequence('{"a":1')).toBeNull();
    expect(parseJsonSequence('{"a":1} {x}')).toBeNull();
  });
});

describe('findDuplicateKey', () => {
  it('finds a key repeated in one object, at any depth', () => {
    expect(findDuplicateKey('{"a":1,"a":2}')).toBe('a');
    expect(findDuplicateKey('{"x":{"b":[{"c":1,"c":2}]}}')).toBe('c');
  });

  it('allows the same key in different objects and in string values', () => {
    expect(findDuplicateKey('{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"\\"a\\":1"}')).toBeUndefined();
  });
});
