import { getArgumentValues } from 'graphql/execution/values.js';
import { isInputObjectType, getNamedType, type FieldNode, type GraphQLField, type GraphQLError } from 'graphql/index.js';
import { supergraphError } from '../../lib/index.js';
import { allows, type BranchPolicy } from './branchPolicy.js';

/** A field of an operation that takes a branch-bearing argument. */
export interface BranchSite {
  readonly node: FieldNode;
  readonly def: GraphQLField<unknown, unknown>;
  /** True for root mutation fields (their `branch` arguments are writes). */
  readonly mutation: boolean;
}

/** Whether a field definition has an argument the policy cares about. */
export function isBranchSite(policy: BranchPolicy, def: GraphQLField<unknown, unknown>): boolean {
  const a = policy.arguments;
  return def.args.some((arg) => a.ref.includes(arg.name) || a.read.includes(arg.name) || a.branch.includes(arg.name) || a.name.includes(arg.name));
}

/**
 * Checks every branch a request reads or writes against the policy (with argument defaults and
 * variables applied). Returns the FORBIDDEN error of the first denial.
 */
export function checkBranchAccess(
  policy: BranchPolicy,
  sites: readonly BranchSite[],
  variables: Readonly<Record<string, unknown>>,
  scopes: ReadonlySet<string>,
): GraphQLError | undefined {
  const a = policy.arguments;
  const branchMutation = new RegExp(a.branchMutation);
  for (const site of sites) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(site.def, site.node, variables);
    } catch {
      continue; // invalid arguments: the subgraph reports them
    }
    const accesses: ['read' | 'write', string | { commit: string }][] = [];
    for (const arg of site.def.args) {
      const v = values[arg.name];
      if (a.ref.includes(arg.name) && isInputObjectType(getNamedType(arg.type))) {
        const ref = (v ?? {}) as { branch?: unknown; commit?: unknown };
        if (typeof ref.commit === 'string' && ref.commit !== '') accesses.push(['read', { commit: ref.commit }]);
        else accesses.push(['read', typeof ref.branch === 'string' ? ref.branch : policy.defaultBranch]);
      } else if (typeof v === 'string') {
        if (a.read.includes(arg.name)) accesses.push(['read', v]);
        else if (a.branch.includes(arg.name)) accesses.push([site.mutation ? 'write' : 'read', v]);
        else if (a.name.includes(arg.name) && site.mutation && branchMutation.test(site.def.name)) accesses.push(['write', v]);
      }
    }
    for (const [access, branch] of accesses) {
      if (typeof branch !== 'string') {
        if (policy.commitRead.length === 0 || policy.commitRead.some((s) => scopes.has(s))) continue;
        return supergraphError('FORBIDDEN', `branch policy: reading commit ${branch.commit} needs one of the scopes [${policy.commitRead.join(', ')}]`, { field: site.def.name });
      }
      const verdict = allows(policy, access, branch, scopes);
      if (!verdict.ok) {
        const need = verdict.need.length > 0 ? `needs one of the scopes [${verdict.need.join(', ')}]` : 'is not allowed by any rule';
        return supergraphError('FORBIDDEN', `branch policy: ${access === 'read' ? 'reading' : 'writing'} branch "${branch}" ${need}`, { field: site.def.name, branch, access });
      }
    }
  }
  return undefined;
}
