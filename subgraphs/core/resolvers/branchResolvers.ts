import { refPath, supergraphError } from '../../../lib/index.js';
import { deleteBranchLabel, SERVICE_BRANCH, writeBranchLabel } from '../branches/branchLabels.js';
import { readLog } from '../branches/history.js';
import { checkBranchName, fromTerminusBranch, toTerminusBranch } from '../branches/naming.js';
import { promoteBranch, type PromoteResult } from '../branches/promote.js';
import type { CoreContext } from '../context.js';
import { mapTerminusFailure } from '../terminusErrors.js';
import { commitMeta } from '../write/commitMessage.js';

type Args = Record<string, unknown>;

/** A `Branch` value; `headTime` is read lazily from the log. */
export interface BranchValue {
  readonly name: string;
  readonly head: string | null;
}

function headId(head: unknown): string | null {
  if (typeof head !== 'string' || head.startsWith('InitialCommit/')) return null;
  return head.replace(/^ValidCommit\//, '');
}

/** `branches`: every branch of the database (`_commits` Branch documents). */
export async function branchesResolver(_root: unknown, _args: Args, ctx: CoreContext): Promise<BranchValue[]> {
  const { terminus } = ctx.runtime;
  const s = terminus.settings;
  const client = terminus.client();
  try {
    const url = `${s.url}/api/document/${encodeURIComponent(s.organization)}/${encodeURIComponent(s.db)}/local/_commits?type=Branch&as_list=true`;
    const docs = (await terminus.call(() => client.sendCustomRequest('GET', url) as Promise<unknown>)) as { name?: unknown; head?: unknown }[];
    return docs
      .map((d) => ({ name: fromTerminusBranch(String(d.name)), head: headId(d.head) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    throw mapTerminusFailure(err);
  }
}

/** `Branch.headTime`: time of the head commit. */
export async function branchHeadTime(branch: BranchValue, _args: Args, ctx: CoreContext): Promise<string | null> {
  if (branch.head === null) return null;
  const [entry] = await readLog(ctx.runtime.terminus, branch.name, 0, 1).catch(() => []);
  return entry === undefined ? null : new Date(entry.timestamp * 1000).toISOString();
}

/** `createBranch(name, from)`: a branch at a commit of `from` (main's head by default); optional max age label. */
export async function createBranchResolver(_root: unknown, args: Args, ctx: CoreContext): Promise<{ branch: BranchValue }> {
  const name = String(args['name']);
  checkBranchName(name);
  const { terminus, refs } = ctx.runtime;
  const commit = await refs.resolve((args['from'] ?? undefined) as Parameters<typeof refs.resolve>[0]);
  const s = terminus.settings;
  const meta = commitMeta(ctx, `create branch ${name}`);
  const client = terminus.client({ author: meta.author });
  try {
    await terminus.call(() =>
      client.sendCustomRequest('POST', `${s.url}/api/branch/${refPath(s, { branch: toTerminusBranch(name) })}`, { origin: `${s.organization}/${s.db}/local/commit/${commit}` }) as Promise<unknown>,
    );
  } catch (err) {
    if ((err as { apiErrorType?: string }).apiErrorType === 'api:BranchExistsError' || /exists/i.test(String((err as Error).message))) {
      throw supergraphError('CONFLICT', `Branch ${name} already exists`);
    }
    throw mapTerminusFailure(err, { branch: name });
  }
  refs.invalidate(name);
  const hours = args['maxAgeHours'];
  if (typeof hours === 'number' && hours > 0) {
    const now = Date.now();
    await writeBranchLabel(terminus, { branch: name, createdAt: new Date(now).toISOString(), createdBy: ctx.identity.sub, expiresAt: new Date(now + hours * 3_600_000).toISOString() }, meta);
  }
  return { branch: { name, head: commit } };
}

/** `deleteBranch(name)`: never `main` nor the service branch. */
export async function deleteBranchResolver(_root: unknown, args: Args, ctx: CoreContext): Promise<{ name: string; deleted: boolean }> {
  const name = String(args['name']);
  if (name === 'main' || name === SERVICE_BRANCH) throw supergraphError('FORBIDDEN', `Branch ${name} cannot be deleted`);
  const { terminus, refs } = ctx.runtime;
  const s = terminus.settings;
  const meta = commitMeta(ctx, `delete branch ${name}`);
  const client = terminus.client({ author: meta.author });
  try {
    await terminus.call(() => client.sendCustomRequest('DELETE', `${s.url}/api/branch/${refPath(s, { branch: toTerminusBranch(name) })}`) as Promise<unknown>);
  } catch (err) {
    const e = mapTerminusFailure(err, { branch: name });
    throw e.extensions['code'] === 'BAD_USER_INPUT' ? supergraphError('BRANCH_NOT_FOUND', `Branch ${name} does not exist`) : e;
  } finally {
    refs.invalidate(name);
  }
  await deleteBranchLabel(terminus, name, meta);
  return { name, deleted: true };
}

/** `promoteBranch(source, target, message)`: one commit on target, or the conflicts. */
export async function promoteBranchResolver(_root: unknown, args: Args, ctx: CoreContext): Promise<PromoteResult> {
  const source = String(args['source']);
  const target = String(args['target'] ?? 'main');
  if (source === target) throw supergraphError('BAD_USER_INPUT', 'source and target are the same branch');
  const { terminus, refs, model } = ctx.runtime;
  refs.invalidate(source);
  refs.invalidate(target);
  try {
    const [sourceHead, targetHead] = await Promise.all([refs.head(source), refs.head(target)]);
    const meta = commitMeta(ctx, String(args['message'] ?? `promote ${source} to ${target}`));
    return await promoteBranch(terminus, model, source, target, meta, { source: sourceHead, target: targetHead });
  } catch (err) {
    throw mapTerminusFailure(err, { branch: target });
  } finally {
    refs.invalidate(target);
  }
}
