/**
 * Branch names: TerminusDB resource paths split on `/`, so the supergraph stores `feature/x` as the
 * TerminusDB branch `feature~x` (the core subgraph's rule, repeated here because subgraphs do not
 * import each other).
 */

/** The TerminusDB name of a supergraph branch. */
export function toTerminusBranch(name: string): string {
  return name.replaceAll('/', '~');
}

/** The supergraph name of a TerminusDB branch. */
export function fromTerminusBranch(name: string): string {
  return name.replaceAll('~', '/');
}
