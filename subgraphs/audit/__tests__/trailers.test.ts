import { describe, expect, it } from 'vitest';
import { parseTrailers } from '../relay/trailers.js';

describe('parseTrailers', () => {
  it('reads the Key: value lines of the last paragraph', () => {
    expect(parseTrailers('[core] create x\n\nTrace-Id: abc\nUser-Sid: u1\nChange-Id: 9')).toEqual({ 'Trace-Id': 'abc', 'User-Sid': 'u1', 'Change-Id': '9' });
  });

  it('ignores a last paragraph that is not all trailers, and a message that is only one paragraph', () => {
    expect(parseTrailers('subject\n\nSome text\nTrace-Id: abc')).toEqual({});
    expect(parseTrailers('Trace-Id: abc')).toEqual({});
    expect(parseTrailers('')).toEqual({});
  });

  it('accepts CRLF and trailing blank lines', () => {
    expect(parseTrailers('subject\r\n\r\nTrace-Id: t\r\n\n')).toEqual({ 'Trace-Id': 't' });
  });
});
