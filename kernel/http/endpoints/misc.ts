import type { JsonObject } from '../../types.js';
import { ok } from '../respond.js';
import { parsePath, resolveRef } from '../resolve.js';
import type { Endpoint } from '../route.js';

/** `GET /api/prefixes/{path}`: the context's prefixes with `@type: Context` (§3.5). */
export const prefixesEndpoint: Endpoint = {
  name: 'prefixes',
  methods: {
    GET: {
      errorType: 'api:PrefixErrorResponse',
      handle: async (ctx) => {
        const ref = resolveRef(ctx, parsePath(ctx.path), 'read');
        const out: JsonObject = {};
        for (const [k, v] of Object.entries(ref.snapshot.context)) {
          if (typeof v === 'string' && k !== '@type' && (k === '@base' || k === '@schema' || !k.startsWith('@'))) out[k] = v;
        }
        out['@type'] = 'Context';
        return ok(out);
      },
    },
  },
};

/** `POST /api/optimize/{path}`: a no-op here (§3.5). */
export const optimizeEndpoint: Endpoint = {
  name: 'optimize',
  methods: {
    POST: {
      errorType: 'api:OptimizeErrorResponse',
      handle: async () => ok({ '@type': 'api:OptimizeResponse', 'api:status': 'api:success' }),
    },
  },
};
