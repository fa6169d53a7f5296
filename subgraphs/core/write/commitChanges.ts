import { refPath, supergraphError, type Terminus } from '../../../lib/index.js';
import { toTerminusBranch } from '../branches/naming.js';
import type { Model } from '../manifest.js';
import { apiError, isSchemaViolation, witnessesOf } from '../terminusErrors.js';
import type { CommitMeta } from './commitMessage.js';
import { findCommitByChangeId } from './findCommit.js';
import { idOfClass, mergePatch, toDocument } from './toDocument.js';
import type { TerminusWriter } from './TerminusWriter.js';

type Obj = Record<string, unknown>;

/** What `commit(changes)` did. */
export interface CommitResult {
  readonly commitId: string;
  readonly createdIds: string[];
  readonly updatedIds: string[];
  readonly deletedIds: string[];
}

interface Planned {
  readonly inserts: Obj[];
  readonly replaces: Obj[];
  readonly updates: { readonly id: string; readonly typeName: string; readonly patch: unknown }[];
  readonly deletes: string[];
}

function bad(message: string): never {
  throw supergraphError('BAD_USER_INPUT', message);
}

/** Sorts `ChangeInput`s (`{<class>: {create|update|replace|delete}}`) into document operations. */
function planChanges(model: Model, changes: readonly unknown[]): Planned {
  const planned: Planned = { inserts: [], replaces: [], updates: [], deletes: [] };
  const touched = new Set<string>();
  const touch = (typeName: string, id: string): void => {
    if (!idOfClass(model, typeName, id)) throw supergraphError('NOT_FOUND', `No ${typeName} with id ${id}`);
    if (touched.has(id)) bad(`Document ${id} is changed twice in one commit`);
    touched.add(id);
  };
  for (const change of changes) {
    const entries = Object.entries((change ?? {}) as Obj).filter(([, v]) => v !== null && v !== undefined);
    const [field, op] = entries[0] ?? [];
    const typeName = field === undefined ? undefined : model.manifest.changeInput[field];
    if (entries.length !== 1 || typeName === undefined) bad('Each change names exactly one class');
    const ops = Object.entries((op ?? {}) as Obj).filter(([, v]) => v !== null && v !== undefined);
    const [kind, value] = ops[0] ?? [];
    if (ops.length !== 1) bad(`A ${typeName} change is exactly one of create, update, replace, delete`);
    const v = value as Obj;
    if (kind === 'create') planned.inserts.push(toDocument(model, typeName, value));
    else if (kind === 'delete') {
      touch(typeName, String(value));
      planned.deletes.push(String(value));
    } else if (kind === 'replace') {
      touch(typeName, String(v['id']));
      planned.replaces.push({ ...toDocument(model, typeName, v['input']), '@id': String(v['id']) });
    } else if (kind === 'update') {
      touch(typeName, String(v['id']));
      planned.updates.push({ id: String(v['id']), typeName, patch: v['patch'] });
    } else bad(`Unknown change ${String(kind)}`);
  }
  return planned;
}

const lit = (s: string): string => JSON.stringify(s);

/** Maps the GraphQL errors of a refused mutation to the catalogue. */
function mutationError(errors: readonly { message: string; extensions?: Record<string, unknown> }[]): Error {
  const first = errors[0];
  const error = apiError(first?.extensions);
  const type = typeof error?.['@type'] === 'string' ? error['@type'] : undefined;
  if (type === 'api:DocumentNotFound') return supergraphError('NOT_FOUND', first?.message ?? 'Document not found');
  if (type === 'api:DocumentIdAlreadyExists' || type === 'api:HeadHasChanged' || type === 'api:SameDocumentIdsMutatedInOneTransaction') {
    return supergraphError('CONFLICT', first?.message ?? 'Conflict', { terminusdb: type });
  }
  if (isSchemaViolation(type)) return supergraphError('SCHEMA_VIOLATION', first?.message ?? 'Schema check failure', { witnesses: witnessesOf(error) });
  return supergraphError('BAD_USER_INPUT', first?.message ?? 'TerminusDB refused the change');
}

/**
 * Applies many changes as ONE commit: merge patches are read first (one document read), then a
 * single TerminusDB GraphQL mutation request (`_insertDocuments`, `_replaceDocuments`,
 * `_deleteDocuments`, `_commitInfo`) writes everything or nothing. The commit is found in the log by
 * the unique `Change-Id:` trailer of its message, which cannot race with other writers.
 */
export async function commitChanges(
  terminus: Terminus,
  writer: TerminusWriter,
  model: Model,
  branch: string,
  changes: readonly unknown[],
  meta: CommitMeta,
): Promise<CommitResult> {
  const planned = planChanges(model, changes);
  const replaces = [...planned.replaces];
  if (planned.updates.length > 0) {
    const { docs } = await writer.read(branch, planned.updates.map((u) => u.id));
    const byId = new Map(docs.map((d) => [model.shortId(String(d['@id'])), d]));
    for (const u of planned.updates) {
      const stored = byId.get(model.shortId(u.id));
      if (stored === undefined) throw supergraphError('NOT_FOUND', `No ${u.typeName} with id ${u.id}`);
      replaces.push(mergePatch(model, u.typeName, stored, u.patch));
    }
  }
  const fields: string[] = [];
  if (planned.inserts.length > 0) fields.push(`i: _insertDocuments(json: ${lit(JSON.stringify(planned.inserts))})`);
  if (replaces.length > 0) fields.push(`r: _replaceDocuments(json: ${lit(JSON.stringify(replaces))})`);
  if (planned.deletes.length > 0) fields.push(`d: _deleteDocuments(ids: [${planned.deletes.map(lit).join(', ')}])`);
  if (fields.length === 0) bad('commit needs at least one change');
  fields.push(`_commitInfo(author: ${lit(meta.author)}, message: ${lit(meta.message)})`);
  const s = terminus.settings;
  const url = `${s.url}/api/graphql/${refPath(s, { branch: toTerminusBranch(branch) })}`;
  const client = terminus.client({ author: meta.author });
  const answer = (await terminus.call(() => client.sendCustomRequest('POST', url, { query: `mutation { ${fields.join(' ')} }` }) as Promise<unknown>)) as {
    data?: { i?: unknown; r?: unknown; d?: unknown } | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  if (answer.errors !== undefined && answer.errors.length > 0) throw mutationError(answer.errors);
  const commitId = await findCommitByChangeId(terminus, branch, meta.changeId);
  const ids = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => model.shortId(String(x))) : []);
  return {
    commitId,
    createdIds: ids(answer.data?.i),
    updatedIds: [...planned.replaces.map((d) => String(d['@id'])), ...planned.updates.map((u) => u.id)],
    deletedIds: planned.deletes,
  };
}
