import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../config/ConfigError.js';

/** Who may read and write branches matching a pattern (`*` matches any characters). */
export interface BranchRule {
  readonly pattern: string;
  /** Scopes allowed to read (any one suffices); empty = anyone. */
  readonly read: readonly string[];
  /** Scopes allowed to write (any one suffices); empty = anyone. */
  readonly write: readonly string[];
}

/** Which argument names carry branches. */
export interface BranchArguments {
  /** Input objects `{ branch, commit }` read by any field (default `ref`, `from`). */
  readonly ref: readonly string[];
  /** Branch names read by any field (default `source`). */
  readonly read: readonly string[];
  /** Branch names: read on queries, written on mutations (default `branch`, `target`). */
  readonly branch: readonly string[];
  /** Branch names written by mutations whose name matches `branchMutation` (default `name`). */
  readonly name: readonly string[];
  /** Mutation fields that create or delete branches, as a regular expression (default `Branch$`). */
  readonly branchMutation: string;
}

/** The branch policy (`policy.yaml`): first matching rule wins; a branch no rule matches is denied. */
export interface BranchPolicy {
  readonly rules: readonly BranchRule[];
  readonly arguments: BranchArguments;
  /** Branch read when a field's `ref` is absent (default `main`). */
  readonly defaultBranch: string;
  /** Scopes allowed to read by commit id (default `read`). */
  readonly commitRead: readonly string[];
}

/** Default argument names (the core subgraph's). */
export const DEFAULT_BRANCH_ARGUMENTS: BranchArguments = { ref: ['ref', 'from'], read: ['source'], branch: ['branch', 'target'], name: ['name'], branchMutation: 'Branch$' };

function strings(v: unknown, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v;
  throw new ConfigError(`branch policy: ${what} must be a list of strings`);
}

/** Validates a parsed policy document. */
export function branchPolicy(doc: unknown): BranchPolicy {
  if (typeof doc !== 'object' || doc === null) throw new ConfigError('branch policy: expected a map with "branches"');
  const d = doc as Record<string, unknown>;
  const branches = d['branches'];
  let rules: BranchRule[];
  if (Array.isArray(branches)) {
    rules = branches.map((b: unknown, i) => {
      const r = (b ?? {}) as Record<string, unknown>;
      if (typeof r['pattern'] !== 'string') throw new ConfigError(`branch policy: branches[${i}] needs "pattern"`);
      return { pattern: r['pattern'], read: strings(r['read'], `branches[${i}].read`), write: strings(r['write'], `branches[${i}].write`) };
    });
  } else if (typeof branches === 'object' && branches !== null) {
    rules = Object.entries(branches).map(([pattern, b]) => {
      const r = (b ?? {}) as Record<string, unknown>;
      return { pattern, read: strings(r['read'], `${pattern}.read`), write: strings(r['write'], `${pattern}.write`) };
    });
  } else throw new ConfigError('branch policy: "branches" must map patterns to { read, write }');
  const a = (d['arguments'] ?? {}) as Record<string, unknown>;
  const args: BranchArguments = {
    ref: a['ref'] !== undefined ? strings(a['ref'], 'arguments.ref') : DEFAULT_BRANCH_ARGUMENTS.ref,
    read: a['read'] !== undefined ? strings(a['read'], 'arguments.read') : DEFAULT_BRANCH_ARGUMENTS.read,
    branch: a['branch'] !== undefined ? strings(a['branch'], 'arguments.branch') : DEFAULT_BRANCH_ARGUMENTS.branch,
    name: a['name'] !== undefined ? strings(a['name'], 'arguments.name') : DEFAULT_BRANCH_ARGUMENTS.name,
    branchMutation: typeof a['branchMutation'] === 'string' ? a['branchMutation'] : DEFAULT_BRANCH_ARGUMENTS.branchMutation,
  };
  return {
    rules,
    arguments: args,
    defaultBranch: typeof d['defaultBranch'] === 'string' ? d['defaultBranch'] : 'main',
    commitRead: d['commitRead'] !== undefined ? strings(d['commitRead'], 'commitRead') : ['read'],
  };
}

/** Reads `policy.yaml`. */
export async function readBranchPolicy(file: string): Promise<BranchPolicy> {
  let doc: unknown;
  try {
    doc = parseYaml(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read branch policy ${file}: ${(err as Error).message}`);
  }
  return branchPolicy(doc);
}

const patterns = new Map<string, RegExp>();

/** The first rule whose pattern matches the branch. */
export function ruleFor(policy: BranchPolicy, branch: string): BranchRule | undefined {
  return policy.rules.find((r) => {
    let re = patterns.get(r.pattern);
    if (re === undefined) {
      re = new RegExp(`^${r.pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      patterns.set(r.pattern, re);
    }
    return re.test(branch);
  });
}

/** Whether scopes allow an access; returns the missing alternatives when not. */
export function allows(policy: BranchPolicy, access: 'read' | 'write', branch: string, scopes: ReadonlySet<string>): { ok: true } | { ok: false; need: readonly string[] } {
  const rule = ruleFor(policy, branch);
  if (rule === undefined) return { ok: false, need: [] };
  const need = rule[access];
  return need.length === 0 || need.some((s) => scopes.has(s)) ? { ok: true } : { ok: false, need };
}
