import { randomBytes } from 'node:crypto';
import { invalidDocuments as byDocument, schemaWitnesses } from '../../../lib/index.js';
import { pushOntology } from '../../../ontology/index.js';
import { toTerminusBranch } from '../../../lib/index.js';
import { headOf } from '../store/terminusOps.js';
import { field, PermanentError, type JobKind } from './JobKind.js';

/** Payload of `validate`: the branch to re-check. */
export interface ValidatePayload {
  readonly branch: string;
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
        const witnesses = schemaWitnesses(err);
        if (witnesses === undefined) throw err;
        const invalidDocuments = byDocument(witnesses);
        return { branch, commit, valid: false, invalidCount: invalidDocuments.length, invalidDocuments: invalidDocuments.slice(0, 200) };
      }
    } finally {
      ctx.progress({ done: 1, total: 1 });
      if (created) await terminus.call(() => client.deleteBranch(scratch) as Promise<unknown>).catch((err: unknown) => ctx.deps.logger.warn({ err, branch: scratch }, 'cannot delete the validation branch'));
    }
  },
};
