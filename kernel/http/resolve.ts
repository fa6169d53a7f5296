import { ApiError, notFound } from '../errors.js';
import type { Snapshot } from '../store/index.js';
import type { DatabaseRecord } from '../types.js';
import { forbidden } from './auth.js';
import type { RequestContext } from './context.js';
import { type Descriptor, descriptorText, parseDescriptor } from './descriptor.js';

export function invalidResourcePath(path: string): ApiError {
  return new ApiError('api:failure', `Invalid resource path: ${path}`, {
    '@type': 'api:InvalidResourcePath',
    'api:resource_path': path,
  });
}

export function unknownDatabase(org: string, db: string): ApiError {
  return notFound('api:UnknownDatabase', `Unknown database: ${org}/${db}`, {
    'api:database_name': db,
    'api:organization_name': org,
  });
}

export function parsePath(path: string): Descriptor {
  const d = parseDescriptor(path);
  if (d === undefined) throw invalidResourcePath(path);
  return d;
}

/** The database of a descriptor, after the access check (superuser, or public for reads). */
export function resolveDatabase(
  ctx: RequestContext,
  d: Descriptor,
  action: 'read' | 'write',
): DatabaseRecord {
  if (d.kind === 'system') throw invalidResourcePath('_system');
  const db = ctx.deps.store.getDatabase(d.org, d.db);
  if (db === undefined) throw unknownDatabase(d.org, d.db);
  if (!ctx.user.superuser && !(action === 'read' && db.public)) {
    throw forbidden(action === 'read' ? '@schema:Action/instance_read_access' : '@schema:Action/instance_write_access', `${d.org}/${d.db}`, ctx.user);
  }
  return db;
}

/** A branch or commit resolved to the snapshot it names. */
export interface ResolvedRef {
  readonly db: DatabaseRecord;
  readonly descriptor: Descriptor & { kind: 'branch' | 'commit' };
  readonly snapshot: Snapshot;
  /** Set for branch descriptors. */
  readonly branch?: string;
  /** `branch:<head>` or `commit:<id>` (§1.5). */
  readonly dataVersion: string;
}

export function unresolvable(d: Descriptor): ApiError {
  const text = descriptorText(d);
  return notFound('api:UnresolvableAbsoluteDescriptor', `Unable to resolve an invalid absolute path for descriptor ${text}`, {
    'api:absolute_descriptor': text,
  });
}

/** Resolves a branch or commit descriptor (404 for unknown ones). */
export function resolveRef(ctx: RequestContext, d: Descriptor, action: 'read' | 'write'): ResolvedRef {
  const db = resolveDatabase(ctx, d, action);
  const store = ctx.deps.store;
  if (d.kind === 'branch') {
    if (d.repo !== 'local') throw unresolvable(d);
    const head = store.branches(db).get(d.branch);
    if (head === undefined) throw unresolvable(d);
    return { db, descriptor: d, snapshot: store.snapshot(db, head), branch: d.branch, dataVersion: `branch:${head}` };
  }
  if (d.kind === 'commit') {
    if (d.repo !== 'local' || store.getCommit(db, d.commit) === undefined) throw unresolvable(d);
    if (action === 'write') throw accessImpossible(d, 'write');
    return { db, descriptor: d, snapshot: store.snapshot(db, d.commit), dataVersion: `commit:${d.commit}` };
  }
  throw accessImpossible(d, action);
}

export function accessImpossible(d: Descriptor, access: 'read' | 'write', graph = 'instance'): ApiError {
  const text = descriptorText(d);
  return new ApiError('api:failure', `It is not possible to ${access} the ${graph} graph of ${text}`, {
    '@type': 'api:DocumentAccessImpossible',
    'api:resource_path': text,
    'api:graph_type': graph,
    'api:access_type': access,
  });
}

/**
 * Checks a `TerminusDB-Data-Version` request header against the current version (§1.5).
 */
export function checkDataVersion(requested: string | undefined, actual: string): void {
  if (requested === undefined) return;
  const parts = requested.split(':');
  const [label, value] = parts;
  if (parts.length !== 2 || label === undefined || value === undefined || label.length <= 3 || value.length <= 3) {
    throw new ApiError('api:failure', `Bad data version: ${requested}`, {
      '@type': 'api:BadDataVersion',
      'api:data_version': requested,
    });
  }
  if (requested !== actual) {
    throw new ApiError('api:failure', `Requested data version in header does not match actual data version.`, {
      '@type': 'api:DataVersionMismatch',
      'api:requested_data_version': requested,
      'api:actual_data_version': actual,
    });
  }
}
