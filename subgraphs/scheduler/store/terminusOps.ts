/**
 * The few TerminusDB operations the scheduler's kinds need, through the official client (lib `Terminus`;
 * branch names and `listBranches` come from lib).
 */
import { refPath, TerminusError, toTerminusBranch, type Ref, type Terminus } from '../../../lib/index.js';



/** Branches no clean-up may delete: `main`, `prod/*`, and the services' `svc-*`. */
export function isProtectedBranch(name: string): boolean {
  return name === 'main' || name.startsWith('prod/') || name.startsWith('svc-');
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
