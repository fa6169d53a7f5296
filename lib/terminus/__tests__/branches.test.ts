import { describe, expect, it } from 'vitest';
import { fromTerminusBranch, toTerminusBranch } from '../branches.js';

describe('branch names', () => {
  it('stores `/` as `~` for TerminusDB and reads it back', () => {
    for (const name of ['main', 'feature/x', 'prod/eu/1', 'svc-embedding']) expect(fromTerminusBranch(toTerminusBranch(name))).toBe(name);
    expect(toTerminusBranch('feature/a/b')).toBe('feature~a~b');
  });
});
