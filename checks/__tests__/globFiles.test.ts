import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../operations/globFiles.js';

describe('globToRegExp', () => {
  it('matches ** across folders, * and ? within one', () => {
    const re = globToRegExp('operations/**/*.graphql');
    expect(re.test('operations/a.graphql')).toBe(true);
    expect(re.test('operations/x/y/a.graphql')).toBe(true);
    expect(re.test('operations/a.graphql.bak')).toBe(false);
    expect(globToRegExp('op?/*.gql').test('ops/a.gql')).toBe(true);
    expect(globToRegExp('op?/*.gql').test('ops/x/a.gql')).toBe(false);
  });
});
