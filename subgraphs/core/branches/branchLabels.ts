import { refPath, type Terminus } from '../../../lib/index.js';
import { toTerminusBranch } from './naming.js';

/** The branch that keeps the core subgraph's own data (an empty branch of the same database). */
export const SERVICE_BRANCH = 'svc-core';

/** A clean-up label of a branch, kept as a raw JSON document `BranchLabel/<terminus name>` in `svc-core`. */
export interface BranchLabel {
  readonly branch: string;
  readonly createdAt: string;
  readonly createdBy: string;
  /** When the branch may be deleted by a clean-up job. */
  readonly expiresAt: string;
}

function labelId(branch: string): string {
  return `BranchLabel/${toTerminusBranch(branch)}`;
}

/**
 * Stores the max-age label of a branch in `svc-core` (raw JSON document, replaced if present), so a
 * clean-up job can list labels and delete expired branches. Lineage stays in the one commit graph.
 */
export async function writeBranchLabel(terminus: Terminus, label: BranchLabel, meta: { author: string; message: string }): Promise<void> {
  await terminus.ensureEmptyBranch(SERVICE_BRANCH, meta.author);
  const s = terminus.settings;
  const q = new URLSearchParams({ author: meta.author, message: meta.message, raw_json: 'true', create: 'true' });
  const client = terminus.client({ author: meta.author });
  const doc = { '@id': labelId(label.branch), ...label };
  await terminus.call(() => client.sendCustomRequest('PUT', `${s.url}/api/document/${refPath(s, { branch: SERVICE_BRANCH })}?${q}`, doc) as Promise<unknown>);
}

/** Removes the label of a deleted branch (no error when there is none). */
export async function deleteBranchLabel(terminus: Terminus, branch: string, meta: { author: string; message: string }): Promise<void> {
  const s = terminus.settings;
  const q = new URLSearchParams({ author: meta.author, message: meta.message, id: labelId(branch) });
  const client = terminus.client({ author: meta.author });
  try {
    await terminus.call(() => client.sendCustomRequest('DELETE', `${s.url}/api/document/${refPath(s, { branch: SERVICE_BRANCH })}?${q}`) as Promise<unknown>);
  } catch {
    // no label, or no svc-core branch: nothing to clean up
  }
}
