import { buildSchema, graphql, GraphQLScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { keyedObjectTypes } from '../keyedObjectTypes.js';
import { serviceDateTime, serviceJSON } from '../serviceScalars.js';
import { parse } from 'graphql';

describe('service scalars', () => {
  const schema = buildSchema('scalar DateTime scalar JSON type Query { at(t: DateTime): DateTime  echo(v: JSON): JSON  now: DateTime }');
  Object.assign(schema.getType('DateTime') as GraphQLScalarType, new GraphQLScalarType(serviceDateTime));
  Object.assign(schema.getType('JSON') as GraphQLScalarType, new GraphQLScalarType(serviceJSON));
  const rootValue = { at: ({ t }: { t: string }) => t, echo: ({ v }: { v: unknown }) => v, now: () => new Date(Date.UTC(2026, 10, 27, 12)) };

  it('takes ISO 8601 text, serializes a Date as ISO text, passes JSON through', async () => {
    const r = await graphql({ schema, rootValue, source: '{ at(t: "2026-11-27T10:00:00Z") now echo(v: {a: [1, "x"]}) }' });
    expect(r).toEqual({ data: { at: '2026-11-27T10:00:00Z', now: '2026-11-27T12:00:00.000Z', echo: { a: [1, 'x'] } } });
  });

  it('answers a bad DateTime literal or variable with BAD_USER_INPUT', async () => {
    const literal = await graphql({ schema, rootValue, source: '{ at(t: "yesterday") }' });
    const variable = await graphql({ schema, rootValue, source: 'query($t: DateTime) { at(t: $t) }', variableValues: { t: 42 } });
    for (const r of [literal, variable]) {
      expect(r.data).toBeUndefined();
      expect(JSON.stringify(r.errors)).toContain('DateTime must be an ISO 8601 string');
    }
  });

  it('keyedObjectTypes lists the object types with @key, in SDL order', () => {
    const sdl = parse('type A @key(fields: "id") { id: ID! } type B { x: Int } type C @key(fields: "id") @shareable { id: ID! } interface I @key(fields: "id") { id: ID! }');
    expect(keyedObjectTypes(sdl)).toEqual(['A', 'C']);
  });
});
