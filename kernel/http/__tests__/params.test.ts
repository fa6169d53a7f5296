import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors.js';
import { Params } from '../params.js';

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('Params', () => {
  it('prefers the query string over the body', () => {
    const p = new Params(new URLSearchParams('id=q'), { id: 'b', type: 'T' });
    expect(p.string('id')).toBe('q');
    expect(p.string('type')).toBe('T');
  });

  it('decodes + as a space (form semantics)', () => {
    expect(new Params(new URLSearchParams('message=a+b%2Bc'), undefined).string('message')).toBe('a b+c');
  });

  it('reports bad booleans with the raw value, true/false/null as JSON', () => {
    const e = errorOf(() => new Params(new URLSearchParams('as_list=7'), undefined).boolean('as_list', false));
    expect(e.httpStatus).toBe(400);
    expect(e.error).toEqual({
      '@type': 'api:BadParameterType',
      'api:parameter': 'as_list',
      'api:expected_type': 'boolean (true, false)',
      'api:value': '7',
    });
    const n = errorOf(() => new Params(new URLSearchParams('skip=true'), undefined).nonNegativeInteger('skip'));
    expect(n.error?.['api:value']).toBe(true);
  });

  it('keeps the JSON type of body values in errors', () => {
    const e = errorOf(() => new Params(new URLSearchParams(), { count: -1 }).nonNegativeInteger('count'));
    expect(e.error?.['api:value']).toBe(-1);
  });

  it('checks author before message', () => {
    const p = new Params(new URLSearchParams(), undefined);
    const e = errorOf(() => {
      p.requiredString('author');
      p.requiredString('message');
    });
    expect(e.message).toBe('Missing parameter: author');
    expect(e.error).toEqual({ '@type': 'api:MissingParameter', 'api:parameter': 'author' });
  });

  it('validates graph_type', () => {
    expect(new Params(new URLSearchParams('graph_type=schema'), undefined).graphType()).toBe('schema');
    const e = errorOf(() => new Params(new URLSearchParams('graph_type=x'), undefined).graphType());
    expect(e.error?.['api:expected_type']).toBe('graph (schema, instance)');
  });
});
