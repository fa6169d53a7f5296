import { describe, expect, it } from 'vitest';
import { checkBranchName, fromTerminusBranch, isValidBranchName, toTerminusBranch } from '../branches/naming.js';
import { connectionHash, decodeCursor, encodeCursor } from '../read/cursor.js';
import { checkRef } from '../read/RefResolver.js';

describe('cursors', () => {
  it('round-trips commit and offset and checks the connection hash', () => {
    const hash = connectionHash('Query.tags', { name: { eq: 'x' } }, null);
    const text = encodeCursor({ commit: 'abc123', offset: 40, hash });
    expect(decodeCursor(text, hash)).toEqual({ commit: 'abc123', offset: 40, hash });
    expect(() => decodeCursor(text, connectionHash('Query.tags', null, null))).toThrow(/another query/);
    for (const bad of ['', 'xyz', Buffer.from('[1,"a",-1,"h"]').toString('base64url'), Buffer.from('{}').toString('base64url')]) {
      expect(() => decodeCursor(bad, hash)).toThrow(/malformed/);
    }
  });
});

describe('branch names', () => {
  it('accepts main, prod/*, feature/*, svc-* and maps / to ~ for TerminusDB', () => {
    for (const ok of ['main', 'prod/eu', 'prod/eu/1', 'feature/new-thing', 'svc-core']) expect(isValidBranchName(ok), ok).toBe(true);
    for (const bad of ['dev', 'Main', 'feature/', 'feature/A', 'prod/a~b', 'svc-', 'feature//x']) expect(isValidBranchName(bad), bad).toBe(false);
    expect(() => checkBranchName('dev')).toThrow(/Invalid branch name/);
    expect(toTerminusBranch('feature/a/b')).toBe('feature~a~b');
    expect(fromTerminusBranch('feature~a~b')).toBe('feature/a/b');
  });
});

describe('refs', () => {
  it('refuses a ref with a commit and a branch or time', () => {
    expect(() => checkRef({ branch: 'main', commit: 'x' })).toThrow(/not both/);
    expect(() => checkRef({ asOf: '2024-01-01T00:00:00Z', commit: 'x' })).toThrow(/not both/);
    expect(checkRef({ branch: 'main', asOf: '2024-01-01T00:00:00Z' })).toEqual({ branch: 'main', asOf: '2024-01-01T00:00:00Z' });
  });
});
