import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../errors.js';
import { createGraphQLEngine, type GraphQLEngine } from '../graphql/index.js';
import { ANONYMOUS, authenticate, type User } from './auth.js';
import { PayloadTooLargeError, readBody } from './body.js';
import type { KernelDeps, RequestContext } from './context.js';
import { ENDPOINTS } from './endpoints/index.js';
import { errorResponse, internalError, JSON_TYPE, type KernelResponse } from './respond.js';
import type { Endpoint, Method } from './route.js';

const CORS_ALLOW_HEADERS =
  'Authorization, Authorization-Remote, Accept, Accept-Encoding, Accept-Language, Host, Origin, Referer, Content-Type, Content-Length, Content-Range, Content-Disposition, Content-Description, X-HTTP-METHOD-OVERRIDE';

const BY_NAME = new Map<string, Endpoint>(ENDPOINTS.map((e) => [e.name, e]));

function notFoundPath(path: string): KernelResponse {
  return {
    status: 404,
    json: { 'api:status': 'api:not_found', 'api:path': path, 'api:message': `Path not found: ${path}` },
  };
}

function methodNotAllowed(method: string, path: string): KernelResponse {
  return {
    status: 405,
    json: { 'api:status': 'api:method_not_allowed', 'api:path': path, 'api:message': `Method ${method} not allowed on ${path}` },
  };
}

function decodePath(raw: string): string | undefined {
  try {
    return raw
      .split('/')
      .map((s) => decodeURIComponent(s))
      .join('/');
  } catch {
    return undefined;
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The kernel's HTTP handler: TerminusDB's API subset over the given store. No side effects until
 * called; `kernel/server.ts` listens.
 */
export function createKernelHandler(
  options: Omit<KernelDeps, 'graphql'> & { graphql?: GraphQLEngine },
): (req: IncomingMessage, res: ServerResponse) => void {
  const deps: KernelDeps = {
    ...options,
    graphql: options.graphql ?? createGraphQLEngine(options.onError === undefined ? {} : { onError: options.onError }),
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const origin = headerValue(req, 'origin');
    if (origin !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
      res.setHeader('Access-Control-Max-Age', '1728000');
      res.setHeader('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS);
    }
    const url = new URL(req.url ?? '/', 'http://kernel');
    const override = headerValue(req, 'x-http-method-override');
    const method = (override ?? req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      res.writeHead(200, { 'Content-Length': '0' });
      res.end();
      return;
    }
    const response = await dispatch(req, url, method);
    write(res, response, method === 'HEAD' || req.method === 'HEAD');
  };

  const dispatch = async (req: IncomingMessage, url: URL, method: string): Promise<KernelResponse> => {
    const pathname = url.pathname;
    const m = /^\/api\/([^/]*)(\/.*)?$/.exec(pathname);
    if (m === null) return notFoundPath(pathname);
    const name = m[1] ?? '';
    if (name === '' && m[2] !== undefined) return notFoundPath(pathname);
    const endpoint = BY_NAME.get(name);
    if (endpoint === undefined) return notFoundPath(pathname);
    const path = decodePath((m[2] ?? '').slice(1));
    if (path === undefined) return notFoundPath(pathname);
    const hasPath = path.split('/').some((s) => s !== '');
    if (name !== '' && !hasPath && endpoint.bare !== true) return notFoundPath(pathname);
    if (hasPath && endpoint.withPath === false) return notFoundPath(pathname);
    const route = endpoint.methods[method as Method];
    if (route === undefined) return methodNotAllowed(method, pathname);
    let bodyPromise: Promise<Buffer> | undefined;
    const traceparent = headerValue(req, 'traceparent');
    try {
      const user: User = endpoint.noAuth === true ? ANONYMOUS : authenticate(headerValue(req, 'authorization'), {
        user: deps.settings.adminUser,
        password: deps.settings.adminPassword,
      });
      const ctx: RequestContext = {
        method,
        path,
        query: url.searchParams,
        headers: req.headers,
        user,
        deps,
        body: () => (bodyPromise ??= readBody(req, deps.settings.maxBodyBytes)),
      };
      return await route.handle(ctx);
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(err, route.errorType, traceparent);
      if (err instanceof PayloadTooLargeError) {
        return {
          status: 413,
          json: {
            '@type': 'api:PayloadTooLarge',
            'api:status': 'api:failure',
            'api:message': `Request body exceeds the limit of ${err.limit} bytes`,
          },
          headers: { Connection: 'close' },
        };
      }
      deps.onError?.(err);
      return internalError();
    }
  };

  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      deps.onError?.(err);
      if (!res.headersSent) write(res, internalError(), false);
      else res.destroy();
    });
  };
}

function write(res: ServerResponse, r: KernelResponse, head: boolean): void {
  const headers: Record<string, string> = { ...r.headers };
  let payload: string | undefined;
  if (r.text !== undefined) {
    payload = r.text;
    headers['Content-Type'] = r.contentType ?? JSON_TYPE;
  } else if (r.json !== undefined) {
    payload = JSON.stringify(r.json);
    headers['Content-Type'] = r.contentType ?? JSON_TYPE;
  }
  if (payload === undefined || r.status === 204) {
    if (r.status !== 204) headers['Content-Length'] = '0';
    res.writeHead(r.status, headers);
    res.end();
    return;
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(r.status, headers);
  res.end(head ? undefined : payload);
}
