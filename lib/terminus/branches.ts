import type { Terminus } from './Terminus.js';

/**
 * Branch names. TerminusDB resource paths split on `/` (also after decoding `%2F`), so a supergraph
 * branch `feature/x` is the TerminusDB branch `feature~x` (`~` is not allowed in supergraph names).
 */

/** The TerminusDB name of a supergraph branch. */
export function toTerminusBranch(name: string): string {
  return name.replaceAll('/', '~');
}

/** The supergraph name of a TerminusDB branch (inverse of {@link toTerminusBranch}). */
export function fromTerminusBranch(name: string): string {
  return name.replaceAll('~', '/');
}

/** Every branch of the database (supergraph name) with its head commit id (undefined for a branch without commits). */
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
