import { initialContext, planWrite, type WriteOp } from '../../schema/index.js';
import { openStore, type Store } from '../../store/index.js';
import type { DatabaseRecord, Json, JsonObject } from '../../types.js';
import { createGraphQLEngine, type GraphQLEngine } from '../index.js';

/** A database in an in-memory store with a GraphQL engine over its `main` branch. */
export interface TestDb {
  readonly store: Store;
  readonly db: DatabaseRecord;
  readonly engine: GraphQLEngine;
  /** Commits ops on main; returns the new head commit id. */
  write(ops: WriteOp[]): string;
  /** Runs a request against main (or a commit) and returns the response body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are asserted, not typed
  gql(query: string, variables?: Record<string, unknown>, options?: { commit?: string; compressIds?: boolean }): Promise<any>;
  head(): string;
}

/** Creates a database with `schema` and `instances` (one commit each). */
export function testDb(schema: readonly JsonObject[], instances: readonly Json[] = []): TestDb {
  const store = openStore();
  const db = store.createDatabase({
    org: 'admin', name: `t${Math.random().toString(36).slice(2)}`, label: '', comment: '', public: false, schemaless: false, context: initialContext(),
  });
  const head = (): string => store.branches(db).get('main') ?? '';
  const write = (ops: WriteOp[]): string => {
    const snapshot = store.snapshot(db, head());
    const plan = planWrite(snapshot, ops, { schemaless: false });
    const input = {
      author: 'test', message: 'test', user: 'terminusdb://system/data/User/admin', changes: plan.changes,
      ...(plan.context === undefined ? {} : { context: plan.context }),
      ...(plan.clearGraphs === undefined ? {} : { clearGraphs: plan.clearGraphs }),
    };
    return store.commit(db, 'main', input).commit.id;
  };
  if (schema.length > 0) write([{ kind: 'insert', graph: 'schema', docs: schema }]);
  if (instances.length > 0) write([{ kind: 'insert', graph: 'instance', docs: instances }]);
  const engine = createGraphQLEngine({ onError: (e) => console.error(e) });
  return {
    store, db, engine, write, head,
    async gql(query, variables, options = {}) {
      const commitId = options.commit ?? head();
      const res = await engine.executeGraphQL({
        snapshot: store.snapshot(db, commitId),
        database: db.id,
        request: { query, variables },
        compressIds: options.compressIds ?? false,
        ...(options.commit === undefined
          ? {
              commit: (plan, info) => {
                store.commit(db, 'main', {
                  author: info.author ?? 'admin', message: info.message ?? 'graphql', user: 'terminusdb://system/data/User/admin', changes: plan.changes,
                  ...(plan.context === undefined ? {} : { context: plan.context }),
                });
              },
            }
          : {}),
      });
      return JSON.parse(JSON.stringify(res.body)) as unknown;
    },
  };
}
