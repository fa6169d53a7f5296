import { supergraphError } from '../../../lib/index.js';
import type { CoreContext } from '../context.js';
import { mapTerminusFailure } from '../terminusErrors.js';
import { commitChanges, type CommitResult } from '../write/commitChanges.js';
import { commitMeta } from '../write/commitMessage.js';
import { TerminusWriter } from '../write/TerminusWriter.js';

type Args = Record<string, unknown>;

/** `commit(changes, message, branch)`: many changes as one commit, all or nothing. */
export async function commitResolver(_root: unknown, args: Args, ctx: CoreContext): Promise<CommitResult & { branch: string }> {
  const branch = typeof args['branch'] === 'string' ? args['branch'] : 'main';
  const changes = args['changes'];
  if (!Array.isArray(changes) || changes.length === 0) throw supergraphError('BAD_USER_INPUT', 'commit needs at least one change');
  const { terminus, model, refs } = ctx.runtime;
  const meta = commitMeta(ctx, String(args['message'] ?? 'commit'));
  try {
    const result = await commitChanges(terminus, new TerminusWriter(terminus), model, branch, changes, meta);
    return { ...result, branch };
  } catch (err) {
    throw mapTerminusFailure(err, { branch });
  } finally {
    refs.invalidate(branch);
  }
}
