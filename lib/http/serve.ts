import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { Readable } from 'node:stream';

/** A fetch-style request handler (what every `createXSubgraph(deps)` returns). */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * A request as node:http received it, for handlers of hot routes that skip the fetch adapter
 * (no WHATWG `Request`/`Response`, streams, `AbortSignal` or `Headers` per request).
 */
export interface RawRequest {
  readonly method: string;
  /** Path and query string, as received. */
  readonly url: string;
  /** Lower-case header names (node:http's `IncomingMessage.headers`). */
  readonly headers: IncomingHttpHeaders;
  /**
   * Reads the whole body as UTF-8 text. Rejects with {@link BodyTooLargeError} when the declared
   * `content-length` or the bytes received exceed `maxBytes` (the rest of the body is discarded).
   */
  text(maxBytes?: number): Promise<string>;
}

/** What a raw handler answers: the body is sent in one write with its `content-length`. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Answers a request without the fetch adapter, or returns `undefined` (synchronously, before
 * touching the body) to leave it to the fetch handler.
 */
export type RawHandler = (request: RawRequest) => Promise<RawResponse> | undefined;

/** The request body is larger than allowed. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`request body is larger than ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export interface ServeOptions {
  /** Tried first for every request (see {@link RawHandler}); the fetch handler answers the others. */
  readonly raw?: RawHandler;
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

/** Reads a Node request body as text, at most `maxBytes`. */
function readText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.reject(new BodyTooLargeError(maxBytes));
  }
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        done();
        req.resume(); // discard the rest
        reject(new BodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      done();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (err: Error): void => {
      done();
      reject(err);
    };
    const done = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function rawRequest(req: IncomingMessage): RawRequest {
  let body: Promise<string> | undefined;
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    text: (maxBytes = Number.MAX_SAFE_INTEGER) => (body ??= readText(req, maxBytes)),
  };
}

const LATER: unique symbol = Symbol('later');

/**
 * Writes a fetch Response to a Node response. A body complete after its first chunk (what `new
 * Response(string)` gives) is sent with its `content-length` in one write; other bodies stream
 * chunk by chunk (headers and first chunk at once), with backpressure; a client that goes away
 * cancels the body.
 */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key === 'set-cookie') return;
    headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (response.body === null) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const first = await reader.read();
  if (first.done) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  let next: ReturnType<typeof reader.read> = reader.read();
  // a body that is already complete resolves its next read within a few microtasks
  const soon = await Promise.race([next, Promise.resolve().then(() => Promise.resolve()).then((): typeof LATER => LATER)]);
  if (soon !== LATER && soon.done) {
    if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) headers['content-length'] = String(first.value.byteLength);
    res.writeHead(response.status, headers);
    res.end(first.value);
    return;
  }
  res.writeHead(response.status, headers);
  res.write(first.value);
  const closed = new Promise<typeof LATER>((resolve) => res.once('close', () => resolve(LATER)));
  const gone = async (): Promise<void> => {
    res.destroy();
    await reader.cancel().catch(() => undefined);
  };
  for (;;) {
    const r = await Promise.race([next, closed]);
    if (r === LATER) return gone();
    if (r.done) break;
    if (!res.write(r.value) && (await Promise.race([once(res, 'drain').then(() => true), closed])) === LATER) return gone();
    next = reader.read();
  }
  res.end();
}

function writeRaw(res: ServerResponse, response: RawResponse): void {
  const body = Buffer.from(response.body, 'utf8'); // encoded once: its length is the content-length
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}

function internalError(res: ServerResponse): void {
  if (!res.headersSent) {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
  } else res.destroy();
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
    let fast: Promise<RawResponse> | undefined;
    try {
      fast = options.raw?.(rawRequest(req));
    } catch (err) {
      options.onError?.(err);
      internalError(res);
      return;
    }
    if (fast !== undefined) {
      fast.then(
        (response) => writeRaw(res, response),
        (err: unknown) => {
          options.onError?.(err);
          internalError(res);
        },
      );
      return;
    }
    void (async () => {
      try {
        await writeResponse(res, await handler(toRequest(req, origin)));
      } catch (err) {
        options.onError?.(err);
        internalError(res);
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
