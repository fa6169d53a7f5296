import { badRequest } from '../../errors.js';
import type { JsonObject } from '../../types.js';
import { paramsOf } from '../context.js';
import { parseDescriptor } from '../descriptor.js';
import { ok } from '../respond.js';
import { invalidResourcePath, resolveRef } from '../resolve.js';
import type { Endpoint } from '../route.js';
import { commitDocument } from './commitsGraph.js';

/** `GET /api/log/{path}` (§7.5): commits newest first from a branch or commit. */
export const logEndpoint: Endpoint = {
  name: 'log',
  methods: {
    GET: {
      errorType: 'api:LogErrorResponse',
      handle: async (ctx) => {
        const d = parseDescriptor(ctx.path);
        if (d === undefined) throw invalidResourcePath(ctx.path);
        if (d.kind === 'system' || d.kind === 'meta' || d.kind === 'commits') {
          const text = ctx.path.replace(/^\/+|\/+$/g, '');
          throw badRequest('api:ResourceHasNoHistory', `Resource has no history: ${text}`, {
            'api:absolute_descriptor': text,
          });
        }
        const params = await paramsOf(ctx);
        const start = params.nonNegativeInteger('start') ?? 0;
        const count = params.integer('count') ?? -1;
        params.boolean('verbose', false);
        const ref = resolveRef(ctx, d, 'read');
        const out: JsonObject[] = [];
        let index = 0;
        for (const c of ctx.deps.store.history(ref.db, ref.snapshot.commit.id)) {
          if (index++ < start) continue;
          if (count >= 0 && out.length >= count) break;
          out.push(commitDocument(c));
        }
        return ok(out);
      },
    },
  },
};
