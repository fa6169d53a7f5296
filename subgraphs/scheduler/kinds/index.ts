import type { JobKindName } from '../model/types.js';
import { branchGcKind } from './branchGc.js';
import type { JobKind } from './JobKind.js';
import { reembedKind } from './reembed.js';
import { snapshotKind } from './snapshot.js';
import { validateKind } from './validate.js';
import { webhookKind } from './webhook.js';

/** The built-in kinds by name. */
export const KINDS: Readonly<Record<JobKindName, JobKind<unknown>>> = {
  reembed: reembedKind as JobKind<unknown>,
  'branch-gc': branchGcKind as JobKind<unknown>,
  snapshot: snapshotKind as JobKind<unknown>,
  validate: validateKind as JobKind<unknown>,
  webhook: webhookKind as JobKind<unknown>,
};
