import { ApiError, badRequest } from '../../errors.js';
import { initialContext } from '../../schema/index.js';
import type { Json, JsonObject } from '../../types.js';
import { jsonObjectBody, type RequestContext } from '../context.js';
import { type Descriptor, descriptorText, parseDescriptor } from '../descriptor.js';
import { ok } from '../respond.js';
import { resolveDatabase } from '../resolve.js';
import type { Endpoint } from '../route.js';

const BRANCH_OK = { '@type': 'api:BranchResponse', 'api:status': 'api:success' };

function targetBranch(ctx: RequestContext): Descriptor & { kind: 'branch' } {
  const d = parseDescriptor(ctx.path);
  if (d === undefined || d.kind !== 'branch' || d.repo !== 'local') {
    const text = ctx.path.replace(/^\/+/, '');
    throw badRequest('api:BadTargetAbsoluteDescriptor', `Invalid target absolute resource descriptor: ${text}`, {
      'api:absolute_descriptor': text,
    });
  }
  return d;
}

/** The commit an `origin` names: an absolute path, or a branch of the same repository. */
function originCommit(ctx: RequestContext, target: Descriptor & { kind: 'branch' }, origin: string): string {
  const trimmed = origin.replace(/^\/+/, '');
  const d: Descriptor | undefined = trimmed.includes('/')
    ? parseDescriptor(trimmed)
    : { kind: 'branch', org: target.org, db: target.db, repo: 'local', branch: trimmed };
  if (d === undefined || (d.kind !== 'branch' && d.kind !== 'commit')) {
    throw badRequest('api:NotASourceBranchDescriptorError', `The origin ${origin} is not a branch or commit`, {
      'api:absolute_descriptor': d === undefined ? trimmed : descriptorText(d),
    });
  }
  const db = ctx.deps.store.getDatabase(d.org, d.db);
  if (db === undefined) {
    throw badRequest('api:UnknownOriginDatabase', `Unknown origin database: ${d.org}/${d.db}`, {
      'api:organization_name': d.org,
      'api:database_name': d.db,
    });
  }
  if (d.org !== target.org || d.db !== target.db) {
    throw badRequest('api:NotASourceBranchDescriptorError', 'Branching from another database is not supported', {
      'api:absolute_descriptor': descriptorText(d),
    });
  }
  if (d.kind === 'branch') {
    const head = ctx.deps.store.branches(db).get(d.branch);
    if (head === undefined) {
      throw badRequest('api:OriginBranchDoesNotExist', `Origin branch does not exist: ${d.branch}`, {
        'api:branch': descriptorText(d),
      });
    }
    return head;
  }
  if (ctx.deps.store.getCommit(db, d.commit) === undefined) {
    throw badRequest('api:OriginCommitDoesNotExist', `Origin commit does not exist: ${d.commit}`, {
      'api:commit': descriptorText(d),
    });
  }
  return d.commit;
}

function asObject(v: Json | undefined): JsonObject | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

/** `/api/branch/{path}` (§7.4): create from a branch or commit, create empty, delete. */
export const branchEndpoint: Endpoint = {
  name: 'branch',
  methods: {
    POST: {
      errorType: 'api:BranchErrorResponse',
      handle: async (ctx) => {
        const body = (await jsonObjectBody(ctx)) ?? {};
        const target = targetBranch(ctx);
        const db = resolveDatabase(ctx, target, 'write');
        const store = ctx.deps.store;
        if (store.branches(db).has(target.branch)) {
          throw badRequest('api:BranchExistsError', `Branch ${target.branch} already exists`, {
            'api:branch_name': target.branch,
          });
        }
        const origin = body['origin'];
        if (typeof origin === 'string') {
          store.createBranch(db, target.branch, { commit: originCommit(ctx, target, origin) });
          return ok(BRANCH_OK);
        }
        if (origin !== undefined && origin !== null) {
          throw badRequest('api:BadParameterType', 'origin must be a string', {
            'api:parameter': 'origin',
            'api:expected_type': 'non-empty string',
            'api:value': origin,
          });
        }
        const mainHead = store.branches(db).get('main');
        const mainContext = mainHead === undefined ? undefined : store.snapshot(db, mainHead).context;
        const context = initialContext({
          ...(mainContext === undefined ? {} : { '@base': mainContext['@base'] ?? null, '@schema': mainContext['@schema'] ?? null }),
          ...asObject(body['prefixes']),
        });
        store.createBranch(db, target.branch, { context });
        return ok(BRANCH_OK);
      },
    },
    DELETE: {
      errorType: 'api:BranchErrorResponse',
      handle: async (ctx) => {
        const target = targetBranch(ctx);
        const db = resolveDatabase(ctx, target, 'write');
        if (target.branch === 'main') {
          throw new ApiError('api:failure', 'Branch main cannot be deleted', {
            '@type': 'api:BranchMainDeletionError',
          });
        }
        if (!ctx.deps.store.branches(db).has(target.branch)) {
          throw badRequest('api:BranchDoesNotExistError', `Branch ${target.branch} does not exist`, {
            'api:branch_name': target.branch,
          });
        }
        ctx.deps.store.deleteBranch(db, target.branch);
        return ok(BRANCH_OK);
      },
    },
  },
};
