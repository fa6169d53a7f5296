import { supergraphError } from '../../../lib/index.js';

const SEGMENT = '[a-z0-9][a-z0-9._-]{0,62}';
const RULES: readonly RegExp[] = [
  /^main$/,
  new RegExp(`^prod/${SEGMENT}(/${SEGMENT})*$`),
  new RegExp(`^feature/${SEGMENT}(/${SEGMENT})*$`),
  /^svc-[a-z0-9][a-z0-9-]{0,62}$/,
];

/** Whether a branch name follows the naming rules: `main`, `prod/*`, `svc-*`, `feature/*`. */
export function isValidBranchName(name: string): boolean {
  return name.length <= 200 && RULES.some((r) => r.test(name));
}

/** Throws INVALID_BRANCH_NAME unless the name follows the rules. */
export function checkBranchName(name: string): void {
  if (!isValidBranchName(name)) {
    throw supergraphError('INVALID_BRANCH_NAME', `Invalid branch name ${JSON.stringify(name)}: use main, prod/<name>, feature/<name> or svc-<name> (lower case, digits, . _ -)`);
  }
}

export { fromTerminusBranch, toTerminusBranch } from '../../../lib/index.js';
