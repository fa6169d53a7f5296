import { json } from '../http/index.js';
import { IDENTITY_HEADER, verifyIdentity, type Identity } from '../identity/index.js';

/** One path of a service subgraph behind the router identity (`/graphql`, audit's `/nudge`, embedding's `/reembed`). */
export interface ServiceRoute {
  /** Methods it answers; any other gets 405 with `allow` listing these. */
  readonly methods: readonly string[];
  /** Answers a request whose router-signed identity was verified. */
  readonly handle: (request: Request, identity: Identity) => Response | Promise<Response>;
}

/** The HTTP front of a service subgraph. */
export interface ServiceHandlerOptions {
  /** `/healthz`, `/readyz`, `/metrics` (lib `opsRoutes`), asked first; open to all. */
  readonly ops: (request: Request) => Promise<Response | undefined>;
  /** Key of the router-signed identity; null turns the check off (tests only: every caller is `anonymous`, no scopes). */
  readonly identityKey: string | null;
  /** Max age of a signed identity (ms, default lib identity's 60 s). */
  readonly identityMaxAgeMs?: number | undefined;
  /** Path → route. */
  readonly routes: Readonly<Record<string, ServiceRoute>>;
}

function forbidden(message: string): Response {
  return json({ errors: [{ message, extensions: { code: 'FORBIDDEN' } }] }, 403);
}

/**
 * A fetch-style handler: ops routes first; then the route of the path (405 for another method,
 * 403 `FORBIDDEN` without a valid router identity, checked after the method); 404 `NOT_FOUND` for
 * any other path.
 */
export function createServiceHandler(options: ServiceHandlerOptions): (request: Request) => Promise<Response> {
  const { ops, identityKey, identityMaxAgeMs } = options;
  const routes = new Map(Object.entries(options.routes));
  const identify = (request: Request): Identity | Response => {
    if (identityKey === null) return { sub: 'anonymous', scopes: [] };
    try {
      return verifyIdentity(request.headers.get(IDENTITY_HEADER), identityKey, identityMaxAgeMs === undefined ? {} : { maxAgeMs: identityMaxAgeMs });
    } catch (err) {
      return forbidden(`Requests must come through the router: ${(err as Error).message}`);
    }
  };
  return async (request) => {
    const opsAnswer = await ops(request);
    if (opsAnswer !== undefined) return opsAnswer;
    const route = routes.get(new URL(request.url).pathname);
    if (route === undefined) return json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] }, 404);
    if (!route.methods.includes(request.method)) return json({ errors: [{ message: 'Method not allowed' }] }, 405, { allow: route.methods.join(', ') });
    const identity = identify(request);
    if (identity instanceof Response) return identity;
    return route.handle(request, identity);
  };
}
