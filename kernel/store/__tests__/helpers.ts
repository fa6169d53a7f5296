import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseRecord, DocChange, JsonObject, LinkRef } from '../../types.js';
import { openStore, type Snapshot, type Store, type StoreOptions } from '../index.js';

export const CONTEXT: JsonObject = { '@type': '@context', '@base': 'terminusdb:///data/', '@schema': 'terminusdb:///schema#' };
export const USER = 'terminusdb://system/data/User/admin';

/** A temporary directory removed on dispose. */
export function tempDir(): { path: string } & Disposable {
  const path = mkdtempSync(join(tmpdir(), 'kernel-store-'));
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}

/** An in-memory store with one database `admin/<name>`. */
export function storeWithDb(options: StoreOptions = {}, name = 'db'): { store: Store; db: DatabaseRecord } {
  const store = openStore(options);
  const db = store.createDatabase({ org: 'admin', name, label: name, comment: '', public: false, schemaless: false, context: CONTEXT });
  return { store, db };
}

/** An instance document change `Type/key` of class `Type`. */
export function put(id: string, fields: JsonObject = {}, links: readonly LinkRef[] = []): DocChange {
  const type = id.split('/')[0] ?? id;
  return { graph: 'instance', id, doc: { '@id': id, '@type': type, ...fields }, type, links };
}

export function del(id: string): DocChange {
  return { graph: 'instance', id, doc: null };
}

/** Commits changes on `main` (or `branch`) and returns the new head id. */
export function write(store: Store, db: DatabaseRecord, changes: readonly DocChange[], branch = 'main'): string {
  return store.commit(db, branch, { author: 'a', message: 'm', user: USER, changes }).commit.id;
}

export function head(store: Store, db: DatabaseRecord, branch = 'main'): Snapshot {
  const id = store.branches(db).get(branch);
  if (id === undefined) throw new Error(`no branch ${branch}`);
  return store.snapshot(db, id);
}

/** Everything observable in a snapshot, for equality checks. */
export function dump(s: Snapshot): JsonObject {
  const graph = (g: 'instance' | 'schema'): JsonObject[] => [...s.ids(g)].map((id) => s.getDoc(g, id) ?? {});
  const backs: JsonObject = {};
  for (const id of s.ids('instance')) {
    const refs = [...s.backlinks(id)].map((b) => `${b.source} ${b.prop}`);
    if (refs.length > 0) backs[id] = refs;
  }
  return { context: s.context, instance: graph('instance'), schema: graph('schema'), backs };
}
