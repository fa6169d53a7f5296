import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** A fetch-style request handler (what every `createXSubgraph(deps)` returns). */
export type FetchHandler = (request: Request) => Promise<Response>;

export interface ServeOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** How long `close()` waits for in-flight requests before cutting connections (default 10 s). */
  readonly drainMs?: number;
  /** Called with errors the handler threw (they answer 500). */
  readonly onError?: (err: unknown) => void;
}

/** A listening server. `close()` stops accepting, drains in-flight requests, then closes. */
export interface Served extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

/** Converts a Node request to a fetch Request (body streamed). */
export function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const one of v) headers.append(k, one);
    else headers.set(k, v);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

/** Writes a fetch Response to a Node response. */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key === 'set-cookie') return;
    headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (response.body === null) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as WebReadableStream), res);
}

/** Serves a fetch-style handler over HTTP/1.1 with keep-alive. */
export async function serve(handler: FetchHandler, options: ServeOptions = {}): Promise<Served> {
  const host = options.host ?? '127.0.0.1';
  let origin = `http://${host}`;
  let draining = false;
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    if (draining) res.setHeader('connection', 'close');
    res.once('finish', () => {
      if (draining) server.closeIdleConnections();
    });
    void (async () => {
      try {
        await writeResponse(res, await handler(toRequest(req, origin)));
      } catch (err) {
        options.onError?.(err);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
        } else res.destroy();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      draining = true;
      const cut = setTimeout(() => server.closeAllConnections(), options.drainMs ?? 10_000);
      cut.unref();
      server.close(() => {
        clearTimeout(cut);
        resolve();
      });
      server.closeIdleConnections();
    }));
  return { url: origin, port, server, close, [Symbol.asyncDispose]: close };
}
