import { refPath, type Terminus, TerminusError, toTerminusBranch } from '../../../lib/index.js';

/** One commit as `/api/log` shows it. */
export interface LogEntry {
  readonly id: string;
  /** `InitialCommit` (the placeholder a new database or empty branch starts with, replaced by the first write) or `ValidCommit`. */
  readonly initial: boolean;
  readonly author: string;
  readonly message: string;
  /** Unix time in seconds (with fraction). */
  readonly timestamp: number;
  readonly parent: string | null;
}

interface RawLogEntry {
  '@type'?: string;
  identifier?: string;
  author?: string;
  message?: string;
  timestamp?: number;
  parent?: string;
}

function toEntry(raw: RawLogEntry): LogEntry {
  const parent = typeof raw.parent === 'string' ? raw.parent.slice(raw.parent.lastIndexOf('/') + 1) : null;
  return {
    id: String(raw.identifier ?? ''),
    initial: raw['@type'] === 'InitialCommit',
    author: String(raw.author ?? ''),
    message: String(raw.message ?? ''),
    timestamp: typeof raw.timestamp === 'number' ? raw.timestamp : 0,
    parent: parent === '' ? null : parent,
  };
}

/** A branch head or a commit, as the audit subgraph addresses it (supergraph branch names). */
export type LogRef = { readonly branch: string } | { readonly commit: string };

/** `count` log entries from `start` (newest first). A commit ref gives a stable history; a branch moves. */
export async function readLog(terminus: Terminus, ref: LogRef, start: number, count: number): Promise<LogEntry[]> {
  const s = terminus.settings;
  const path = refPath(s, 'branch' in ref ? { branch: toTerminusBranch(ref.branch) } : ref);
  const url = `${s.url}/api/log/${path}?start=${start}&count=${count}`;
  const client = terminus.client();
  const raw = await terminus.call(() => client.sendCustomRequest('GET', url) as Promise<unknown>);
  return Array.isArray(raw) ? (raw as RawLogEntry[]).map(toEntry) : [];
}

/** One commit, or undefined when the id is unknown. */
export async function readCommit(terminus: Terminus, id: string): Promise<LogEntry | undefined> {
  if (!/^[0-9a-z]+$/.test(id)) return undefined;
  try {
    return (await readLog(terminus, { commit: id }, 0, 1))[0];
  } catch (err) {
    if (err instanceof TerminusError && (err.status === 404 || err.status === 400)) return undefined;
    throw err;
  }
}

