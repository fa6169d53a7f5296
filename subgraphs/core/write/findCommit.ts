import { refPath, supergraphError, type Terminus } from '../../../lib/index.js';
import { toTerminusBranch } from '../branches/naming.js';

/** Finds the commit of `branch` whose message carries `Change-Id: <changeId>` (newest first). */
export async function findCommitByChangeId(terminus: Terminus, branch: string, changeId: string, maxCommits = 1000): Promise<string> {
  const s = terminus.settings;
  const page = 25;
  const needle = `Change-Id: ${changeId}`;
  for (let start = 0; start < maxCommits; start += page) {
    const url = `${s.url}/api/log/${refPath(s, { branch: toTerminusBranch(branch) })}?start=${start}&count=${page}`;
    const client = terminus.client();
    const entries = (await terminus.call(() => client.sendCustomRequest('GET', url) as Promise<unknown>)) as { identifier: string; message?: string }[];
    const hit = entries.find((e) => typeof e.message === 'string' && e.message.includes(needle));
    if (hit !== undefined) return hit.identifier;
    if (entries.length < page) break;
  }
  throw supergraphError('INTERNAL_SERVER_ERROR', 'The commit was made but could not be found in the log');
}
