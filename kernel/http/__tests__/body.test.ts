import { describe, expect, it } from 'vitest';
import { parseJsonSequence } from '../body.js';

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
