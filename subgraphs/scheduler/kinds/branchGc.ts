import { refPath, TerminusError, type Terminus } from '../../../lib/index.js';
import { fromTerminusBranch, listBranches } from '../../../lib/index.js';
import { deleteBranch, documentPage, isProtectedBranch } from '../store/terminusOps.js';
import { checkAborted, field, type JobKind } from './JobKind.js';

/** Payload of `branch-gc`: `dryRun` lists what would go without deleting. */
export interface BranchGcPayload {
  readonly dryRun: boolean;
}

/** Where the core subgraph keeps branch labels (raw JSON documents `BranchLabel/<terminus name>`). */
const LABEL_BRANCH = 'svc-core';
const PAGE = 500;

interface Label {
  readonly id: string;
  readonly branch: string;
  readonly expiresAt: number;
}

async function readLabels(terminus: Terminus): Promise<Label[]> {
  const labels: Label[] = [];
  for (let skip = 0; ; skip += PAGE) {
    let page: Record<string, unknown>[];
    try {
      page = await documentPage(terminus, { branch: LABEL_BRANCH }, skip, PAGE);
    } catch (err) {
      if (err instanceof TerminusError && (err.status === 404 || err.status === 400)) return labels;
      throw err;
    }
    for (const doc of page) {
      const id = doc['@id'];
      if (typeof id !== 'string' || !id.startsWith('BranchLabel/')) continue;
      const expiresAt = Date.parse(String(doc['expiresAt']));
      if (!Number.isFinite(expiresAt)) continue;
      labels.push({ id, branch: fromTerminusBranch(id.slice('BranchLabel/'.length)), expiresAt });
    }
    if (page.length < PAGE) return labels;
  }
}

async function deleteLabel(terminus: Terminus, id: string, author: string, message: string): Promise<void> {
  const s = terminus.settings;
  const q = new URLSearchParams({ author, message, id });
  const client = terminus.client({ author });
  await terminus.call(() => client.sendCustomRequest('DELETE', `${s.url}/api/document/${refPath(s, { branch: LABEL_BRANCH })}?${q}`) as Promise<unknown>).catch(() => undefined);
}

/**
 * `branch-gc`: deletes every branch whose max-age label (`expiresAt`, written by the core subgraph's
 * `createBranch(maxAgeHours)`) has passed, and its label; never `main`, `prod/*` or `svc-*`, whatever
 * their labels say. Labels of branches that are already gone are removed.
 */
export const branchGcKind: JobKind<BranchGcPayload> = {
  name: 'branch-gc',
  parse(p) {
    field.only(p, ['dryRun']);
    return { dryRun: field.boolean(p, 'dryRun', false) };
  },
  async run(ctx) {
    const { terminus } = ctx.deps;
    const now = ctx.deps.now();
    const author = `${ctx.user}@scheduler`;
    const labels = await readLabels(terminus);
    const branches = await listBranches(terminus);
    const deleted: string[] = [];
    const protectedBranches: string[] = [];
    const kept: string[] = [];
    const labelsRemoved: string[] = [];
    let done = 0;
    for (const label of labels) {
      checkAborted(ctx.signal);
      ctx.progress({ done: done++, total: labels.length });
      if (isProtectedBranch(label.branch)) {
        protectedBranches.push(label.branch);
        continue;
      }
      if (label.expiresAt > now) {
        kept.push(label.branch);
        continue;
      }
      if (ctx.payload.dryRun) {
        deleted.push(label.branch);
        continue;
      }
      const message = `[scheduler] branch-gc: delete ${label.branch} (expired ${new Date(label.expiresAt).toISOString()})\n\nUser-Sid: ${ctx.user}`;
      if (branches.has(label.branch)) {
        await deleteBranch(terminus, label.branch, author);
        deleted.push(label.branch);
      }
      await deleteLabel(terminus, label.id, author, message);
      labelsRemoved.push(label.branch);
    }
    ctx.progress({ done: labels.length, total: labels.length });
    return { dryRun: ctx.payload.dryRun, deleted: deleted.sort(), kept: kept.sort(), protected: protectedBranches.sort(), labelsRemoved: labelsRemoved.sort() };
  },
};
