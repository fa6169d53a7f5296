/**
 * Shared setup of the GraphQL contract suite: the schema and instances of TerminusDB's
 * tests/test/graphql.js (terminusdb/terminusdb), a database per test file, and plain
 * GraphQL-over-HTTP requests (no GraphQL client library) against the target of
 * `test/kernel/harness.ts` (the kernel, or a real TerminusDB when `TERMINUSDB_URL` is set).
 */
import { startTarget, type Body, type RawResponse, type Target, type TestDatabase } from '../kernel/harness.js';

/** The schema of graphql.js (`@context` with the `prefix` prefix, then the classes). */
export const SCHEMA: readonly object[] = [
  { '@type': '@context', '@base': 'terminusdb:///data/', '@schema': 'terminusdb:///schema#', prefix: 'http://prefix.com/' },
  {
    '@id': 'Person', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] },
    name: 'xsd:string', age: 'xsd:decimal', order: 'xsd:integer',
    friend: { '@type': 'Set', '@class': 'Person' }, cat: { '@type': 'Set', '@class': 'Cat' },
  },
  { '@id': 'Cat', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string' },
  { '@id': 'Rocks', '@type': 'Enum', '@value': ['Big', 'Medium', 'Small'] },
  {
    '@id': 'Everything', '@type': 'Class',
    anySimpleType: 'xsd:anySimpleType', string: 'xsd:string', boolean: 'xsd:boolean', decimal: 'xsd:decimal',
    float: 'xsd:float', time: 'xsd:time', date: 'xsd:date', dateTime: 'xsd:dateTime', dateTimeStamp: 'xsd:dateTimeStamp',
    gYear: 'xsd:gYear', gMonth: 'xsd:gMonth', gDay: 'xsd:gDay', gYearMonth: 'xsd:gYearMonth', duration: 'xsd:duration',
    yearMonthDuration: 'xsd:yearMonthDuration', dayTimeDuration: 'xsd:dayTimeDuration', byte: 'xsd:byte',
    short: 'xsd:short', int: 'xsd:int', long: 'xsd:long', unsignedByte: 'xsd:unsignedByte',
    unsignedShort: 'xsd:unsignedShort', unsignedInt: 'xsd:unsignedInt', unsignedLong: 'xsd:unsignedLong',
    integer: 'xsd:integer', positiveInteger: 'xsd:positiveInteger', negativeInteger: 'xsd:negativeInteger',
    nonPositiveInteger: 'xsd:nonPositiveInteger', nonNegativeInteger: 'xsd:nonNegativeInteger',
    base64nary: 'xsd:base64Binary', hexBinary: 'xsd:hexBinary', anyURI: 'xsd:anyURI', language: 'xsd:language',
    normalizedString: 'xsd:normalizedString', token: 'xsd:token', NMTOKEN: 'xsd:NMTOKEN', Name: 'xsd:Name', NCName: 'xsd:NCName',
  },
  { '@id': 'Parent', '@type': 'Class', name: 'xsd:string' },
  { '@id': 'Child', '@type': 'Class', '@inherits': ['Parent'], number: 'xsd:byte' },
  {
    '@id': 'Source', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] },
    name: 'xsd:string', targets: { '@type': 'List', '@class': 'Target' },
  },
  { '@id': 'Target', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string' },
  {
    '@id': 'SourceArray', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] },
    name: 'xsd:string', target_array: { '@type': 'List', '@class': 'TargetArray' },
  },
  { '@id': 'TargetArray', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string' },
  { '@id': 'MaybeRocks', '@type': 'Class', rocks_opt: { '@type': 'Optional', '@class': 'Rocks' } },
  { '@id': 'NotThere', '@type': 'Class', property: { '@type': 'Array', '@class': 'xsd:decimal' } },
  { '@id': 'JSONClass', '@type': 'Class', json: 'sys:JSON' },
  { '@id': 'JSONs', '@type': 'Class', json: { '@type': 'Set', '@class': 'sys:JSON' } },
  { '@id': 'RockSet', '@type': 'Class', rocks: { '@type': 'Set', '@class': 'Rocks' } },
  { '@id': 'OneOf', '@type': 'Class', '@oneOf': [{ a: 'xsd:string', b: 'xsd:string' }] },
  { '@id': 'Integer', '@type': 'Class', int: 'xsd:integer' },
  { '@id': 'NonNegativeInteger', '@type': 'Class', nonnegint: 'xsd:nonNegativeInteger' },
  { '@id': 'DateAndTime', '@type': 'Class', datetime: 'xsd:dateTime' },
  { '@id': 'BadlyNamedOptional', '@type': 'Class', 'is-it-ok': { '@type': 'Optional', '@class': 'xsd:string' } },
  { '@id': 'MyBigFloat', '@type': 'Class', bigfloat: 'xsd:decimal' },
  { '@id': 'Prefix', '@type': 'Class', 'prefix:foo': 'xsd:string' },
  { '@id': 'Node', '@type': 'Class', 'prefix:node': { '@type': 'Optional', '@class': 'Node' }, 'prefix:string': 'xsd:string' },
  { '@id': 'EnumPointer', '@type': 'Class', pointer: 'an-enum' },
  { '@id': 'an-enum', '@type': 'Enum', '@value': ['enum-one', 'enum-two'] },
  { '@id': 'prefix:MyClass', '@type': 'Class', name: 'xsd:string', 'prefix:link': { '@type': 'Optional', '@class': 'prefix:MyClass' } },
  { '@type': 'Foreign', '@id': 'http://external#Thing' },
  { '@type': 'Class', '@id': 'RequiredForeignField', required_foreign_field: 'http://external#Thing' },
  { '@type': 'Class', '@id': 'SetForeignField', set_foreign_field: { '@type': 'Set', '@class': 'http://external#Thing' } },
  { '@type': 'Class', '@id': 'prefix:Outer', inner: 'prefix:Inner' },
  { '@type': 'Class', '@id': 'prefix:Inner', inner_name: 'xsd:string' },
  { '@type': 'Class', '@id': 'UnprefixedParent', parent_name: 'xsd:string' },
  { '@type': 'Class', '@id': 'prefix:Child', '@inherits': 'UnprefixedParent', child_name: 'xsd:string' },
  { '@type': 'Class', '@id': 'A', '@key': { '@fields': ['name'], '@type': 'Lexical' }, name: 'xsd:string' },
];

const person = (name: string, age: string, order: string, friend: string[] = [], cat: string[] = []): object =>
  ({ '@type': 'Person', name, age, order, ...(friend.length > 0 ? { friend } : {}), ...(cat.length > 0 ? { cat } : {}) });

/** The instances graphql.js inserts first (philosophers, cats, integers, decimals, a date). */
export const INSTANCES: readonly object[] = [
  person('Aristotle', '61', '3', ['Person/Plato']),
  person('Plato', '80', '2', ['Person/Aristotle']),
  person('Socrates', '71', '1', ['Person/Plato']),
  person('Immanuel Kant', '79', '3', ['Person/Immanuel%20Kant'], ['Cat/Toots']),
  person('Karl Popper', '92', '5', [], ['Cat/Pickles', 'Cat/Toots']),
  person('Kurt Gödel', '71', '5', ['Person/Immanuel%20Kant'], ['Cat/Pickles']),
  { '@type': 'Cat', name: 'Pickles' },
  { '@type': 'Cat', name: 'Toots' },
  { int: 1 }, { int: 100 }, { int: 11 }, { int: 2 },
  { nonnegint: 300 },
  { datetime: '2021-03-05T23:34:43.0003Z' },
  { bigfloat: '0.0' }, { bigfloat: '10096.757' }, { bigfloat: '101.0' },
  { '@type': 'MyBigFloat', bigfloat: '0.01234567890123456789' },
];

/** One GraphQL answer: HTTP status, parsed body and raw text (for bare-number checks). */
export interface GraphQLAnswer {
  readonly status: number;
  readonly body: Body;
  readonly text: string;
}

/** Options of one GraphQL request. */
export interface GraphQLOptions {
  /** `compress_ids` query parameter (omitted: the server default). */
  readonly compressIds?: boolean | string;
  /** Path after `/api/graphql/{org}/{db}`, e.g. `/local/commit/<id>`. */
  readonly ref?: string;
  readonly method?: 'GET' | 'POST';
  readonly auth?: false | { readonly user: string; readonly password: string };
}

/** A database of the suite with a GraphQL helper. */
export interface GraphQLDatabase {
  readonly target: Target;
  readonly db: TestDatabase;
  /** Sends `{query, variables}` (POST JSON body, or GET query parameters). */
  gql(query: string, variables?: object, options?: GraphQLOptions): Promise<GraphQLAnswer>;
  /** `data` of a query that must succeed (throws with the errors otherwise). */
  data(query: string, variables?: object, options?: GraphQLOptions): Promise<Body>;
  /** Inserts instance documents through the document API. */
  insert(docs: object | readonly object[]): Promise<string[]>;
  close(): Promise<void>;
}

/** Sends one GraphQL request over plain HTTP. */
export async function graphqlRequest(target: Target, path: string, query: string, variables?: object, options: GraphQLOptions = {}): Promise<GraphQLAnswer> {
  const url = `/api/graphql/${path}${options.ref ?? ''}`;
  const params: Record<string, string> = {};
  if (options.compressIds !== undefined) params.compress_ids = String(options.compressIds);
  let res: RawResponse;
  if (options.method === 'GET') {
    if (variables !== undefined) params.variables = JSON.stringify(variables);
    res = await target.request('GET', url, { query: { ...params, query }, ...(options.auth === undefined ? {} : { auth: options.auth }) });
  } else {
    res = await target.request('POST', url, {
      query: params,
      json: { query, ...(variables === undefined ? {} : { variables }) },
      ...(options.auth === undefined ? {} : { auth: options.auth }),
    });
  }
  return { status: res.status, body: res.body, text: res.text };
}

/** Inserts schema documents with `full_replace=true` (the `@context` document included). */
export async function replaceSchema(target: Target, db: TestDatabase, schema: readonly object[]): Promise<RawResponse> {
  return target.request('POST', `/api/document/${db.path}`, {
    query: { graph_type: 'schema', full_replace: true, author: 'test', message: 'schema' },
    json: schema,
  });
}

/** Starts a target, creates a database with `schema` (default: graphql.js's) and `instances`. */
export async function graphqlDatabase(schema: readonly object[] = SCHEMA, instances: readonly object[] = INSTANCES): Promise<GraphQLDatabase> {
  const target = await startTarget();
  const db = await target.withDatabase();
  const res = await replaceSchema(target, db, schema);
  if (res.status !== 200) throw new Error(`schema insert failed: ${res.status} ${res.text}`);
  if (instances.length > 0) await db.insert(instances);
  const gql = (query: string, variables?: object, options?: GraphQLOptions): Promise<GraphQLAnswer> =>
    graphqlRequest(target, db.path, query, variables, options);
  return {
    target,
    db,
    gql,
    async data(query, variables, options) {
      const answer = await gql(query, variables, options);
      if (answer.status !== 200 || answer.body?.errors !== undefined) {
        throw new Error(`GraphQL request failed (${answer.status}): ${answer.text}`);
      }
      return answer.body.data;
    },
    insert: (docs) => db.insert(docs),
    async close() {
      await db.delete();
      await target.close();
    },
  };
}

/** The `name`s of a list of objects. */
export const names = (list: readonly { readonly name: string }[]): string[] => list.map((x) => x.name);
