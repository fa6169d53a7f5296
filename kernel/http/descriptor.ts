/** A parsed resource path (§2). */
export type Descriptor =
  | { readonly kind: 'system' }
  | { readonly kind: 'meta'; readonly org: string; readonly db: string }
  | { readonly kind: 'commits'; readonly org: string; readonly db: string; readonly repo: string }
  | { readonly kind: 'branch'; readonly org: string; readonly db: string; readonly repo: string; readonly branch: string }
  | { readonly kind: 'commit'; readonly org: string; readonly db: string; readonly repo: string; readonly commit: string };

/** Splits a resource path on `/` (empty segments ignored) and resolves its form, or undefined. */
export function parseDescriptor(path: string): Descriptor | undefined {
  const s = path.split('/').filter((x) => x !== '');
  if (s.length === 1 && s[0] === '_system') return { kind: 'system' };
  const [org, db, repo, a, b] = s;
  if (org === undefined || db === undefined) return undefined;
  if (s.length === 2) return { kind: 'branch', org, db, repo: 'local', branch: 'main' };
  if (repo === undefined) return undefined;
  if (s.length === 3) {
    if (repo === '_meta') return { kind: 'meta', org, db };
    return { kind: 'branch', org, db, repo, branch: 'main' };
  }
  if (s.length === 4 && a === '_commits') return { kind: 'commits', org, db, repo };
  if (s.length === 5 && a === 'branch' && b !== undefined) return { kind: 'branch', org, db, repo, branch: b };
  if (s.length === 5 && a === 'commit' && b !== undefined) return { kind: 'commit', org, db, repo, commit: b };
  return undefined;
}

/** The canonical text of a descriptor, as TerminusDB prints it in errors. */
export function descriptorText(d: Descriptor): string {
  switch (d.kind) {
    case 'system':
      return '_system';
    case 'meta':
      return `${d.org}/${d.db}/_meta`;
    case 'commits':
      return `${d.org}/${d.db}/${d.repo}/_commits`;
    case 'branch':
      return `${d.org}/${d.db}/${d.repo}/branch/${d.branch}`;
    case 'commit':
      return `${d.org}/${d.db}/${d.repo}/commit/${d.commit}`;
    default: {
      const never: never = d;
      return never;
    }
  }
}
