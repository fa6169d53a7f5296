import { ApiError, badRequest, missingParameter } from '../../errors.js';
import type { Json } from '../../types.js';
import { jsonObjectBody } from '../context.js';
import { descriptorText, parseDescriptor } from '../descriptor.js';
import { ok } from '../respond.js';
import { parsePath, resolveRef } from '../resolve.js';
import type { Endpoint } from '../route.js';

/** `commit_info: {author, message}` of a squash/apply body (MissingParameter when absent). */
export function commitInfoOf(body: Record<string, Json>): { author: string; message: string } {
  const info = body['commit_info'];
  if (info === undefined || info === null || typeof info !== 'object' || Array.isArray(info)) {
    throw missingParameter('commit_info');
  }
  const author = info['author'];
  const message = info['message'];
  if (typeof author !== 'string' || author === '') throw missingParameter('author');
  if (typeof message !== 'string' || message === '') throw missingParameter('message');
  return { author, message };
}

/** `POST /api/squash/{branch}` (§7.8): a parentless commit with the branch's content; the branch does not move. */
export const squashEndpoint: Endpoint = {
  name: 'squash',
  methods: {
    POST: {
      errorType: 'api:SquashErrorResponse',
      handle: async (ctx) => {
        const body = (await jsonObjectBody(ctx, { required: true })) ?? {};
        const info = commitInfoOf(body);
        const ref = resolveRef(ctx, parsePath(ctx.path), 'write');
        const d = ref.descriptor;
        const head = ref.snapshot.commit;
        if (head.type === 'InitialCommit') {
          return ok({ '@type': 'api:EmptySquashResponse', 'api:empty_commit': true, 'api:status': 'api:success' });
        }
        const squashed = ctx.deps.store.squash(ref.db, head.id, { ...info, user: ctx.user.iri });
        const path = (id: string): string => `${d.org}/${d.db}/${d.repo}/commit/${id}`;
        return ok({
          '@type': 'api:SquashResponse',
          'api:commit': path(squashed.id),
          'api:old_commit': path(head.id),
          'api:status': 'api:success',
        });
      },
    },
  },
};

/** `POST /api/reset/{branch}` (§7.8): move the branch head to a commit. */
export const resetEndpoint: Endpoint = {
  name: 'reset',
  methods: {
    POST: {
      errorType: 'api:ResetErrorResponse',
      handle: async (ctx) => {
        const body = (await jsonObjectBody(ctx, { required: true })) ?? {};
        const raw = body['commit_descriptor'];
        if (typeof raw !== 'string' || raw === '') throw missingParameter('commit_descriptor');
        const ref = resolveRef(ctx, parsePath(ctx.path), 'write');
        const target = ref.descriptor;
        let commitId: string;
        if (!raw.includes('/')) commitId = raw;
        else {
          const d = parseDescriptor(raw);
          if (d === undefined || d.kind !== 'commit') {
            throw badRequest('api:NotACommitDescriptorError', `Not a commit descriptor: ${raw}`, {
              'api:commit_descriptor': raw,
            });
          }
          if (d.org !== target.org || d.db !== target.db || d.repo !== target.repo) {
            throw badRequest('api:DifferentRepositoriesError', 'The commit is in another repository', {
              'api:source_repository': `${target.org}/${target.db}/${target.repo}`,
              'api:target_repository': descriptorText(d),
            });
          }
          commitId = d.commit;
        }
        if (ctx.deps.store.getCommit(ref.db, commitId) === undefined) {
          throw new ApiError('api:failure', `Unresolvable commit id: ${commitId}`, {
            '@type': 'api:UnresolvableCommitId',
            'api:commit_id': commitId,
          });
        }
        ctx.deps.store.resetBranch(ref.db, ref.branch ?? 'main', commitId);
        return ok({ '@type': 'api:ResetResponse', 'api:status': 'api:success' });
      },
    },
  },
};
