import type { Endpoint } from '../route.js';
import { applyEndpoint } from './apply.js';
import { branchEndpoint } from './branch.js';
import { dbEndpoint } from './db.js';
import { diffEndpoint } from './diff.js';
import { documentEndpoint } from './document.js';
import { graphqlEndpoint } from './graphql.js';
import { historyEndpoint } from './history.js';
import { logEndpoint } from './log.js';
import { optimizeEndpoint, prefixesEndpoint } from './misc.js';
import { patchEndpoint } from './patch.js';
import { connectEndpoint, infoEndpoint, okEndpoint, userOrganizationsEndpoint } from './server.js';
import { resetEndpoint, squashEndpoint } from './squashReset.js';

/** Every endpoint of the kernel's HTTP API. */
export const ENDPOINTS: readonly Endpoint[] = [
  connectEndpoint,
  okEndpoint,
  infoEndpoint,
  userOrganizationsEndpoint,
  dbEndpoint,
  documentEndpoint,
  branchEndpoint,
  logEndpoint,
  historyEndpoint,
  squashEndpoint,
  resetEndpoint,
  diffEndpoint,
  patchEndpoint,
  applyEndpoint,
  prefixesEndpoint,
  optimizeEndpoint,
  graphqlEndpoint,
];
