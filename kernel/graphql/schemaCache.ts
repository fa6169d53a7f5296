import { createHash } from 'node:crypto';
import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { modelOf } from '../schema/index.js';
import type { Snapshot } from '../store/Store.js';
import { buildSchema } from './build/buildSchema.js';
import { concreteTypename } from './document/concreteTypename.js';
import { buildFrames, SchemaBuildError, type Frames } from './frames.js';

/** A GraphQL schema generated for one schema version, with its parsed-and-validated queries. */
export interface BuiltSchema {
  readonly hash: string;
  readonly frames: Frames;
  readonly schema: GraphQLSchema;
  /** GraphQL names of the class object types. */
  readonly classTypes: ReadonlySet<string>;
  /** query text → document, or the syntax/validation errors. */
  readonly documents: Map<string, DocumentNode | readonly GraphQLError[]>;
}

/** The content hash of a snapshot's schema graph and context. */
export function schemaHash(snapshot: Snapshot): string {
  const h = createHash('sha1');
  h.update(JSON.stringify(snapshot.context));
  for (const id of snapshot.ids('schema')) h.update(`\u0000${JSON.stringify(snapshot.getDoc('schema', id) ?? null)}`);
  return h.digest('hex');
}

const MAX_DOCUMENTS = 256;

/**
 * Generated schemas, keyed by schema content hash (a data-only commit reuses its parent's schema)
 * and memoised per snapshot object. Least recently used schemas are dropped past `capacity`.
 */
export class SchemaCache {
  private readonly bySnapshot = new WeakMap<Snapshot, BuiltSchema | SchemaBuildError>();
  private readonly byHash = new Map<string, BuiltSchema | SchemaBuildError>();

  constructor(private readonly capacity = 32) {}

  /** The schema of a snapshot; throws SchemaBuildError when the schema has no GraphQL form. */
  get(snapshot: Snapshot): BuiltSchema {
    let built = this.bySnapshot.get(snapshot);
    if (built === undefined) {
      const hash = schemaHash(snapshot);
      built = this.byHash.get(hash);
      if (built === undefined) {
        try {
          const frames = buildFrames(modelOf(snapshot));
          built = { hash, frames, schema: buildSchema(frames), classTypes: new Set(frames.classes.keys()), documents: new Map() };
        } catch (e) {
          if (!(e instanceof SchemaBuildError)) throw e;
          built = e;
        }
      } else this.byHash.delete(hash);
      this.byHash.set(hash, built);
      if (this.byHash.size > this.capacity) {
        const oldest = this.byHash.keys().next().value;
        if (oldest !== undefined) this.byHash.delete(oldest);
      }
      this.bySnapshot.set(snapshot, built);
    }
    if (built instanceof SchemaBuildError) throw built;
    return built;
  }
}

/** Parses and validates a query against a built schema (then `concreteTypename`), memoised per query text. */
export function documentFor(built: BuiltSchema, query: string): DocumentNode | readonly GraphQLError[] {
  const hit = built.documents.get(query);
  if (hit !== undefined) return hit;
  let result: DocumentNode | readonly GraphQLError[];
  try {
    const doc = parse(query);
    const errors = validate(built.schema, doc);
    result = errors.length > 0 ? errors : concreteTypename(built.schema, doc, built.classTypes);
  } catch (e) {
    result = [e instanceof GraphQLError ? e : new GraphQLError(String(e))];
  }
  if (built.documents.size >= MAX_DOCUMENTS) {
    const oldest = built.documents.keys().next().value;
    if (oldest !== undefined) built.documents.delete(oldest);
  }
  built.documents.set(query, result);
  return result;
}
