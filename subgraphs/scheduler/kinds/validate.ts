import { randomBytes } from 'node:crypto';
import { TerminusError } from '../../../lib/index.js';
import { pushOntology } from '../../../ontology/index.js';
import { headOf, toTerminusBranch } from '../store/terminusOps.js';
import { field, PermanentError, type JobKind } from './JobKind.js';

/** Payload of `validate`: the branch to re-check. */
export interface ValidatePayload {
  readonly branch: string;
}

/** A document the current ontology refuses, with TerminusDB's witnesses. */
export interface InvalidDocument {
  readonly id: string;
  readonly witnesses: readonly Record<string, unknown>[];
}

const DATA_PREFIX = 'terminusdb:///data/';

/** The witnesses of a schema check failure (`api:error.api:witnesses`, or `api:witnesses`). */
function witnessesOf(err: unknown): Record<string, unknown>[] | undefined {
  if (!(err instanceof TerminusError)) return undefined;
  const body = err.body as { 'api:error'?: { 'api:witnesses'?: unknown }; 'api:witnesses'?: unknown } | undefined;
  const list = body?.['api:error']?.['api:witnesses'] ?? body?.['api:witnesses'];
  return Array.isArray(list) ? list.filter((w): w is Record<string, unknown> => typeof w === 'object' && w !== null) : undefined;
}

/** The instance document a witness is about (as `checks/` reads them); `schema` when none. */
export function witnessDocument(w: Record<string, unknown>): string {
  for (const key of ['instance', 'subject', 'document', 'object']) {
    const v = w[key];
    const id = typeof v === 'string' ? v : typeof v === 'object' && v !== null && typeof (v as { '@id'?: unknown })['@id'] === 'string' ? (v as { '@id': string })['@id'] : undefined;
    if (id !== undefined) return id.startsWith(DATA_PREFIX) ? id.slice(DATA_PREFIX.length) : id;
  }
  const values = Object.values(w);
  if (values.length === 1 && typeof values[0] === 'object' && values[0] !== null) return witnessDocument(values[0] as Record<string, unknown>);
  return 'schema';
}

function groupByDocument(witnesses: readonly Record<string, unknown>[]): InvalidDocument[] {
  const byId = new Map<string, Record<string, unknown>[]>();
  for (const w of witnesses) {
    const id = witnessDocument(w);
    byId.set(id, [...(byId.get(id) ?? []), w]);
  }
  return [...byId.entries()].map(([id, list]) => ({ id, witnesses: list })).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * `validate`: re-checks every document of a branch against the current ontology (`ontology/schema`) the
 * way `npm run check -- --simulate` does: the ontology is written to a throwaway branch made from the
 * branch's head, TerminusDB validates every instance document against it, and the documents it
 * refuses are reported with their witnesses. The branch under check is never written; the throwaway
 * branch is always deleted. The run succeeds with `valid: false` when documents are invalid.
 */
export const validateKind: JobKind<ValidatePayload> = {
  name: 'validate',
  parse(p) {
    field.only(p, ['branch']);
    return { branch: field.string(p, 'branch', 'main') };
  },
  async run(ctx) {
    const { terminus } = ctx.deps;
    const branch = ctx.payload.branch;
    const commit = await headOf(terminus, branch);
    if (commit === undefined) throw new PermanentError(`branch ${branch} does not exist or has no commit`, 'BRANCH_NOT_FOUND');
    const scratch = `check-scheduler-${randomBytes(4).toString('hex')}`;
    const author = `${ctx.user}@scheduler`;
    const client = terminus.client({ author, branch: toTerminusBranch(branch) });
    let created = false;
    ctx.progress({ done: 0, total: 1 });
    try {
      await terminus.call(() => client.branch(scratch) as Promise<unknown>);
      created = true;
      try {
        await terminus.call(() => pushOntology(client, { branch: scratch, db: terminus.settings.db, message: `[scheduler] validate ${branch} at ${commit}` }));
        return { branch, commit, valid: true, invalidDocuments: [] };
      } catch (err) {
        const witnesses = witnessesOf(err);
        if (witnesses === undefined) throw err;
        const invalidDocuments = groupByDocument(witnesses);
        return { branch, commit, valid: false, invalidCount: invalidDocuments.length, invalidDocuments: invalidDocuments.slice(0, 200) };
      }
    } finally {
      ctx.progress({ done: 1, total: 1 });
      if (created) await terminus.call(() => client.deleteBranch(scratch) as Promise<unknown>).catch((err: unknown) => ctx.deps.logger.warn({ err, branch: scratch }, 'cannot delete the validation branch'));
    }
  },
};
