import { ok } from '../respond.js';
import type { Endpoint } from '../route.js';
import { databaseRecordJson } from './dbRecord.js';

/** Version reported by `/api/info`: the TerminusDB release whose API the kernel follows. */
export const TERMINUSDB_VERSION = '12.0.6';
/** TerminusDB commit the kernel's behaviour was read from (§ header of terminusdb-api.md), zero-padded. */
const KERNEL_GIT_HASH = 'a7ca3c80'.padEnd(40, '0');

/** `GET /api/ok` (§3.1): no authentication, empty 200. */
export const okEndpoint: Endpoint = {
  name: 'ok',
  bare: true,
  withPath: false,
  noAuth: true,
  methods: {
    GET: { errorType: 'api:ErrorResponse', handle: async () => ({ status: 200 }) },
  },
};

/** `GET /api/info` (§3.2). */
export const infoEndpoint: Endpoint = {
  name: 'info',
  bare: true,
  withPath: false,
  methods: {
    GET: {
      errorType: 'api:InfoErrorResponse',
      handle: async (ctx) =>
        ok({
          '@type': 'api:InfoResponse',
          'api:status': 'api:success',
          'api:info': {
            authority: ctx.user.iri,
            terminusdb: { version: TERMINUSDB_VERSION, git_hash: KERNEL_GIT_HASH },
            terminusdb_store: { version: 'kernel-sqlite-1' },
            storage: { version: '2' },
          },
        }),
    },
  },
};

/** `GET /api/` (§3.3): the database records the caller can access. */
export const connectEndpoint: Endpoint = {
  name: '',
  bare: true,
  withPath: false,
  methods: {
    GET: {
      errorType: 'api:ErrorResponse',
      handle: async (ctx) => {
        const dbs = ctx.deps.store.listDatabases().filter((db) => ctx.user.superuser || db.public);
        return ok(dbs.map((db) => databaseRecordJson(db)));
      },
    },
  },
};

/** `GET /api/user_organizations` (client `getDatabases()`). */
export const userOrganizationsEndpoint: Endpoint = {
  name: 'user_organizations',
  bare: true,
  withPath: false,
  methods: {
    GET: {
      errorType: 'api:ErrorResponse',
      handle: async (ctx) => {
        if (!ctx.user.superuser) return ok([]);
        const dbs = ctx.deps.store.listDatabases();
        const orgs = new Set([ctx.deps.settings.adminUser, ...dbs.map((d) => d.org)]);
        return ok(
          [...orgs].map((org) => ({
            '@id': `Organization/${org}`,
            '@type': 'Organization',
            name: org,
            databases: dbs.filter((d) => d.org === org).map((d) => databaseRecordJson(d)),
          })),
        );
      },
    },
  },
};
