import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../codes.js';
import { codeOf, supergraphError } from '../SupergraphError.js';

describe('error catalogue', () => {
  it('documents every code with its HTTP status in README.md, and nothing else', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `(\w+)` \| (\d+) \|/gm)].map((m) => [m[1], Number(m[2])]);
    const expected = Object.entries(ERROR_CODES).map(([code, v]) => [code, v.http]);
    expect(documented).toEqual(expected);
  });

  it('sets extensions.code and the HTTP status', () => {
    const err = supergraphError('SCHEMA_VIOLATION', 'no', { witnesses: [] });
    expect(err.extensions).toEqual({ witnesses: [], code: 'SCHEMA_VIOLATION', http: { status: 400 } });
    expect(codeOf(err)).toBe('SCHEMA_VIOLATION');
    expect(codeOf(new Error('x'))).toBeUndefined();
  });
});
