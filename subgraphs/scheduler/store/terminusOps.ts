/**
 * The few TerminusDB operations the scheduler's kinds need, through the official client (lib `Terminus`).
 * Branch names: TerminusDB paths split on `/`, so `feature/x` is stored as `feature~x` (the core
 * subgraph's rule, repeated because subgraphs do not import each other).
 */
import { refPath, TerminusError, type Ref, type Terminus } from '../../../lib/index.js';

/** The TerminusDB name of a supergraph branch. */
export function toTerminusBranch(name: string): string {
  return name.replaceAll('/', '~');
}

/** The supergraph name of a TerminusDB branch. */
export function fromTerminusBranch(name: string): string {
  return name.replaceAll('~', '/');
}

/** Branches no clean-up may delete: `main`, `prod/*`, and the services' `svc-*`. */
export function isProtectedBranch(name: string): boolean {
  return name === 'main' || name.startsWith('prod/') || name.startsWith('svc-');
}

/** Every branch (supergraph name) with its head commit id. */
export async function listBranches(terminus: Terminus): Promise<Map<string, string | undefined>> {
  const client = terminus.client();
  const raw = (await terminus.call(() => client.getBranches(terminus.settings.db) as Promise<unknown>)) as Record<string, { name?: string; head?: string }> | null;
  const branches = new Map<string, string | undefined>();
  for (const b of Object.values(raw ?? {})) {
    if (typeof b.name !== 'string') continue;
    const head = typeof b.head === 'string' ? b.head.slice(b.head.lastIndexOf('/') + 1) : undefined;
    branches.set(fromTerminusBranch(b.name), head === '' ? undefined : head);
  }
  return branches;
}

/** The head commit of a branch (supergraph name); undefined when the branch does not exist or is empty. */
export async function headOf(terminus: Terminus, branch: string): Promise<string | undefined> {
  const s = terminus.settings;
  const client = terminus.client();
  try {
    const raw = await terminus.call(() => client.sendCustomRequest('GET', `${s.url}/api/log/${refPath(s, { branch: toTerminusBranch(branch) })}?count=1`) as Promise<unknown>);
    const first = Array.isArray(raw) ? (raw[0] as { identifier?: string } | undefined) : undefined;
    return first?.identifier;
  } catch (err) {
    if (err instanceof TerminusError && (err.status === 404 || err.status === 400)) return undefined;
    throw err;
  }
}

/** Deletes a branch (supergraph name). */
export async function deleteBranch(terminus: Terminus, branch: string, author: string): Promise<void> {
  const client = terminus.client({ author });
  await terminus.call(() => client.deleteBranch(toTerminusBranch(branch)) as Promise<unknown>);
}

/** One page of instance documents at a ref (in TerminusDB's order), or of one type. */
export async function documentPage(terminus: Terminus, ref: Ref, skip: number, count: number, type?: string): Promise<Record<string, unknown>[]> {
  const s = terminus.settings;
  const q = new URLSearchParams({ as_list: 'true', skip: String(skip), count: String(count), ...(type === undefined ? {} : { type }) });
  const client = terminus.client();
  const raw = await terminus.call(() => client.sendCustomRequest('GET', `${s.url}/api/document/${refPath(s, ref)}?${q}`) as Promise<unknown>);
  return Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
}
