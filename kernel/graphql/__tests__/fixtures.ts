import type { JsonObject } from '../../types.js';

/** The schema of TerminusDB's `tests/test/graphql.js` (a subset). */
export const SCHEMA: JsonObject[] = [
  {
    '@id': 'Person', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] },
    name: 'xsd:string', age: 'xsd:decimal', order: 'xsd:integer',
    friend: { '@type': 'Set', '@class': 'Person' }, cat: { '@type': 'Set', '@class': 'Cat' },
  },
  { '@id': 'Cat', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string' },
  { '@id': 'Rocks', '@type': 'Enum', '@value': ['Big', 'Medium', 'Small'] },
  { '@id': 'Parent', '@type': 'Class', name: 'xsd:string' },
  { '@id': 'Child', '@type': 'Class', '@inherits': ['Parent'], number: 'xsd:byte' },
  { '@id': 'MaybeRocks', '@type': 'Class', rocks_opt: { '@type': 'Optional', '@class': 'Rocks' } },
  { '@id': 'RockSet', '@type': 'Class', rocks: { '@type': 'Set', '@class': 'Rocks' } },
  { '@id': 'JSONClass', '@type': 'Class', json: 'sys:JSON' },
  { '@id': 'Integer', '@type': 'Class', int: 'xsd:integer' },
  { '@id': 'DateAndTime', '@type': 'Class', datetime: 'xsd:dateTime' },
  { '@id': 'BadlyNamedOptional', '@type': 'Class', 'is-it-ok': { '@type': 'Optional', '@class': 'xsd:string' } },
  { '@id': 'OneOf', '@type': 'Class', '@oneOf': [{ a: 'xsd:string', b: 'xsd:string' }] },
  {
    '@id': 'SourceArray', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] },
    name: 'xsd:string', target_array: { '@type': 'List', '@class': 'TargetArray' },
  },
  { '@id': 'TargetArray', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string' },
];

const person = (name: string, age: string, order: string, friend: string[], cat: string[] = []): JsonObject => ({
  '@type': 'Person', name, age, order, friend, cat,
});

/** The people and cats of graphql.js, plus a few more. */
export const INSTANCES: JsonObject[] = [
  person('Aristotle', '61', '3', ['Person/Plato']),
  person('Plato', '80', '2', ['Person/Aristotle']),
  person('Socrates', '71', '1', ['Person/Plato']),
  person('Immanuel Kant', '79', '3', ['Person/Immanuel%20Kant'], ['Cat/Toots']),
  person('Karl Popper', '92', '5', [], ['Cat/Pickles', 'Cat/Toots']),
  person('Kurt Gödel', '71', '5', ['Person/Immanuel%20Kant'], ['Cat/Pickles']),
  { '@type': 'Cat', name: 'Pickles' },
  { '@type': 'Cat', name: 'Toots' },
  { '@type': 'Integer', int: 1 },
  { '@type': 'Integer', int: 100 },
  { '@type': 'Integer', int: 11 },
  { '@type': 'Integer', int: 2 },
  { '@type': 'DateAndTime', datetime: '2021-03-05T23:34:43.0003Z' },
];
