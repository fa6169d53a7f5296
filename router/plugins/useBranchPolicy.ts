import { checkBranchAccess } from '../auth/checkBranchAccess.js';
import type { BranchPolicy } from '../auth/branchPolicy.js';
import type { RouterPlugin } from './RouterPlugin.js';

/** Enforces the branch policy on every `ref`/`branch` argument and branch mutation. */
export function useBranchPolicy(policy: BranchPolicy): RouterPlugin {
  return {
    name: 'branch-policy',
    onOperation({ prepared, variables, caller }) {
      if (prepared.branchSites.length === 0) return undefined;
      const denied = checkBranchAccess(policy, prepared.branchSites, variables, caller.scopes);
      return denied !== undefined ? [denied] : undefined;
    },
  };
}
