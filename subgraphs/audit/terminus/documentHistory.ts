import { refPath, type Terminus, toTerminusBranch } from '../../../lib/index.js';
import type { LogEntry } from './commitLog.js';

/** The commits that changed a document on a branch, newest first (`/api/history`). */
export async function documentHistory(terminus: Terminus, branch: string, id: string, count: number): Promise<Omit<LogEntry, 'parent' | 'initial'>[]> {
  const s = terminus.settings;
  const url = `${s.url}/api/history/${refPath(s, { branch: toTerminusBranch(branch) })}?id=${encodeURIComponent(id)}&start=0&count=${count}`;
  const client = terminus.client();
  const raw = await terminus.call(() => client.sendCustomRequest('GET', url) as Promise<unknown>);
  if (!Array.isArray(raw)) return [];
  return (raw as { identifier?: string; author?: string; message?: string; timestamp?: number }[]).map((e) => ({
    id: String(e.identifier ?? ''),
    author: String(e.author ?? ''),
    message: String(e.message ?? ''),
    timestamp: typeof e.timestamp === 'number' ? e.timestamp : 0,
  }));
}
