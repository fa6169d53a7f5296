import { supergraphError } from '../../../lib/index.js';
import { mayRead, type EmbedPlan } from '../plan/EmbedPlan.js';

/** Most hits per request. */
export const MAX_K = 100;

/** Checked search arguments. */
export interface SearchInput {
  readonly k: number;
  readonly branch: string;
  /** The classes (GraphQL type names) searched: those asked for (or all) that the caller may read. */
  readonly types: ReadonlySet<string>;
}

/**
 * Checks `k` (1 to 100), `branch` (kept in step) and `types` (embeddable classes), each failure a
 * BAD_USER_INPUT error naming the argument; then narrows the types to those the caller may read.
 */
export function checkSearchInput(
  args: { k?: number | null; branch?: string | null; types?: readonly string[] | null },
  context: { plan: EmbedPlan; branches: readonly string[]; identity: { sub: string; scopes: readonly string[] } },
): SearchInput {
  const k = args.k ?? 10;
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw supergraphError('BAD_USER_INPUT', `k must be from 1 to ${MAX_K}, got ${k}`, { argument: 'k' });
  const branch = args.branch ?? 'main';
  if (!context.branches.includes(branch)) {
    throw supergraphError('BAD_USER_INPUT', `Branch ${JSON.stringify(branch)} is not searchable: the embedding service keeps ${context.branches.join(', ')} in step`, { argument: 'branch' });
  }
  const byType = new Map([...context.plan.classes.values()].map((c) => [c.type, c]));
  const asked = args.types ?? [...byType.keys()];
  const unknown = asked.filter((t) => !byType.has(t));
  if (unknown.length > 0) {
    throw supergraphError('BAD_USER_INPUT', `Not embeddable: ${unknown.join(', ')} (embeddable: ${[...byType.keys()].join(', ')})`, { argument: 'types' });
  }
  if (asked.length === 0) throw supergraphError('BAD_USER_INPUT', 'types must name at least one class (or be left out)', { argument: 'types' });
  const types = new Set(asked.filter((t) => mayRead(byType.get(t) as NonNullable<ReturnType<typeof byType.get>>, context.identity)));
  return { k, branch, types };
}

/** Checks the query text: not empty, at most `maxChars` characters. */
export function checkText(text: string, maxChars: number): string {
  const trimmed = text.trim();
  if (trimmed === '') throw supergraphError('BAD_USER_INPUT', 'text must not be empty', { argument: 'text' });
  if (trimmed.length > maxChars) throw supergraphError('BAD_USER_INPUT', `text must be at most ${maxChars} characters, got ${trimmed.length}`, { argument: 'text' });
  return trimmed;
}
