import { ApiError, badRequest, missingParameter, notFound } from '../../errors.js';
import { initialContext } from '../../schema/index.js';
import type { DatabaseRecord, JsonObject } from '../../types.js';
import { forbidden } from '../auth.js';
import { jsonObjectBody, paramsOf, type RequestContext } from '../context.js';
import { ok } from '../respond.js';
import { unknownDatabase } from '../resolve.js';
import type { Endpoint } from '../route.js';
import { databaseRecordJson } from './dbRecord.js';

function splitDbPath(path: string): { org: string; db: string | undefined; trailing: boolean } {
  const parts = path.split('/');
  const org = parts[0] ?? '';
  const db = parts.length > 1 ? parts.slice(1).join('/') : undefined;
  return { org, db: db === '' ? undefined : db, trailing: parts.length > 1 && db === '' };
}

function validateNames(org: string, db: string): void {
  if (org === '' || org.includes('|')) {
    throw badRequest('api:InvalidOrganizationName', `Organization name '${org}' is invalid`, {
      'api:organization_name': org,
    });
  }
  if (db === '' || db.includes('|') || db.includes('/')) {
    throw badRequest('api:InvalidDatabaseName', `Database name '${db}' is invalid`, { 'api:database_name': db });
  }
  if (org.length + db.length > 246) {
    throw badRequest('api:DatabaseNameTooLong', `Database name too long: ${org}/${db}`, {
      'api:database_name': db,
      'api:organization_name': org,
    });
  }
}

function knownOrganization(ctx: RequestContext, org: string): boolean {
  return org === ctx.deps.settings.adminUser || ctx.deps.store.listDatabases().some((d) => d.org === org);
}

function unknownOrganization(org: string): ApiError {
  return notFound('api:UnknownOrganizationName', `Unknown organization name: ${org}`, { 'api:organization_name': org });
}

function listing(db: DatabaseRecord, ctx: RequestContext, branches: boolean, verbose: boolean): JsonObject {
  const out: JsonObject = verbose ? databaseRecordJson(db) : { path: `${db.org}/${db.name}` };
  if (branches) out['branches'] = [...ctx.deps.store.branches(db).keys()];
  return out;
}

function dbListError(): ApiError {
  return new ApiError('api:failure', 'Database does not exist, or you do not have permission', undefined, {
    envelopeType: 'api:DbListErrorResponse',
    httpStatus: 404,
    withRequestId: false,
  });
}

/** `/api/db` (§3.4): list, exists, create, update, delete. */
export const dbEndpoint: Endpoint = {
  name: 'db',
  bare: true,
  methods: {
    GET: {
      errorType: 'api:DbListErrorResponse',
      handle: async (ctx) => {
        const params = await paramsOf(ctx);
        const branches = params.boolean('branches', false);
        const verbose = params.boolean('verbose', false);
        const { org, db } = splitDbPath(ctx.path);
        const visible = ctx.deps.store.listDatabases().filter((d) => ctx.user.superuser || d.public);
        if (db === undefined) {
          const chosen = org === '' ? visible : visible.filter((d) => d.org === org);
          return ok(chosen.map((d) => listing(d, ctx, branches, verbose)));
        }
        const found = visible.find((d) => d.org === org && d.name === db);
        if (found === undefined) throw dbListError();
        return ok(listing(found, ctx, branches, verbose));
      },
    },
    HEAD: {
      errorType: 'api:DbExistsErrorResponse',
      handle: async (ctx) => {
        const { org, db } = splitDbPath(ctx.path);
        const found = db === undefined ? undefined : ctx.deps.store.getDatabase(org, db);
        const visible = found !== undefined && (ctx.user.superuser || found.public);
        return { status: visible ? 200 : 404 };
      },
    },
    POST: {
      errorType: 'api:DbCreateErrorResponse',
      handle: async (ctx) => {
        const body = (await jsonObjectBody(ctx, { required: true })) ?? {};
        const label = body['label'];
        if (label === undefined || label === null) throw missingParameter('label');
        if (typeof label !== 'string' || label === '') {
          throw badRequest('api:BadParameterType', 'Parameter label has the wrong type', {
            'api:parameter': 'label',
            'api:expected_type': 'non-empty string',
            'api:value': label,
          });
        }
        const { org, db } = splitDbPath(ctx.path);
        validateNames(org, db ?? '');
        if (!ctx.user.superuser) throw forbidden('@schema:Action/create_database', org, ctx.user);
        if (!knownOrganization(ctx, org)) throw unknownOrganization(org);
        const name = db ?? '';
        if (ctx.deps.store.getDatabase(org, name) !== undefined) {
          throw badRequest('api:DatabaseAlreadyExists', 'Database already exists.', {
            'api:database_name': name,
            'api:organization_name': org,
          });
        }
        const comment = typeof body['comment'] === 'string' ? body['comment'] : '';
        const prefixes = body['prefixes'];
        const context = initialContext(
          prefixes !== null && typeof prefixes === 'object' && !Array.isArray(prefixes) ? prefixes : undefined,
        );
        const record = ctx.deps.store.createDatabase({
          org,
          name,
          label,
          comment,
          public: body['public'] === true,
          schemaless: body['schema'] === false,
          context,
        });
        return ok({
          '@type': 'api:DbCreateResponse',
          'api:database_uri': `terminusdb://system/data/UserDatabase/${record.id}`,
          'api:status': 'api:success',
        });
      },
    },
    PUT: {
      errorType: 'api:DbUpdateErrorResponse',
      handle: async (ctx) => {
        const body = (await jsonObjectBody(ctx, { required: true })) ?? {};
        const { org, db } = splitDbPath(ctx.path);
        validateNames(org, db ?? '');
        const found = ctx.deps.store.getDatabase(org, db ?? '');
        if (found === undefined) throw unknownDatabase(org, db ?? '');
        if (!ctx.user.superuser) throw forbidden('@schema:Action/meta_write_access', `${org}/${db}`, ctx.user);
        const update: { label?: string; comment?: string; public?: boolean } = {};
        if (typeof body['label'] === 'string') update.label = body['label'];
        if (typeof body['comment'] === 'string') update.comment = body['comment'];
        if (typeof body['public'] === 'boolean') update.public = body['public'];
        ctx.deps.store.updateDatabase(found, update);
        return ok({ '@type': 'api:DbUpdatedResponse', 'api:status': 'api:success' });
      },
    },
    DELETE: {
      errorType: 'api:DbDeleteErrorResponse',
      handle: async (ctx) => {
        const params = await paramsOf(ctx);
        params.boolean('force', false);
        const { org, db } = splitDbPath(ctx.path);
        validateNames(org, db ?? '');
        if (!knownOrganization(ctx, org)) throw unknownOrganization(org);
        const found = ctx.deps.store.getDatabase(org, db ?? '');
        if (found === undefined) throw unknownDatabase(org, db ?? '');
        if (!ctx.user.superuser) throw forbidden('@schema:Action/delete_database', `${org}/${db}`, ctx.user);
        ctx.deps.store.deleteDatabase(found);
        return ok({ '@type': 'api:DbDeleteResponse', 'api:status': 'api:success' });
      },
    },
  },
};
