import http from 'node:http';
import https from 'node:https';

/** A raw subgraph answer (body still text, so that shared fetches are parsed per consumer). */
export interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** The fetch timed out. */
export class SubgraphTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'SubgraphTimeoutError';
  }
}

/**
 * A keep-alive connection pool to one subgraph on `node:http` (no fetch/undici layers): POSTs JSON
 * and collects the body as text, with a timeout.
 */
export class SubgraphClient {
  readonly #agent: http.Agent;
  readonly #url: URL;
  readonly #request: typeof http.request;
  /** Where POSTs go, as request options (no URL parsing per request). */
  readonly #target: { readonly protocol: string; readonly hostname: string; readonly port: string; readonly path: string; readonly auth?: string };

  constructor(url: string, maxSockets: number) {
    this.#url = new URL(url);
    this.#target = {
      protocol: this.#url.protocol,
      hostname: this.#url.hostname.startsWith('[') ? this.#url.hostname.slice(1, -1) : this.#url.hostname,
      port: this.#url.port,
      path: `${this.#url.pathname}${this.#url.search}`,
      // as node:http does for a URL with credentials
      ...(this.#url.username !== '' || this.#url.password !== '' ? { auth: `${decodeURIComponent(this.#url.username)}:${decodeURIComponent(this.#url.password)}` } : {}),
    };
    const secure = this.#url.protocol === 'https:';
    this.#agent = secure ? new https.Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' }) : new http.Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' });
    this.#request = secure ? https.request : http.request;
  }

  get url(): string {
    return this.#url.href;
  }

  /** POSTs `body` with `headers`; rejects on network errors and after `timeoutMs`. */
  post(body: string, headers: Readonly<Record<string, string>>, timeoutMs: number): Promise<RawResponse> {
    const payload = Buffer.from(body, 'utf8'); // encoded once: its length is the content-length
    return new Promise<RawResponse>((resolve, reject) => {
      const req = this.#request(
        { ...this.#target, method: 'POST', agent: this.#agent, headers: { ...headers, 'content-type': 'application/json', accept: 'application/json', 'content-length': payload.length } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? '', text: Buffer.concat(chunks).toString('utf8') });
          });
        },
      );
      const timer = setTimeout(() => req.destroy(new SubgraphTimeoutError(timeoutMs)), timeoutMs);
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      req.end(payload);
    });
  }

  /** A GET (readiness probes); resolves with the status, 0 on network errors. */
  get(path: string, timeoutMs: number): Promise<number> {
    return new Promise<number>((resolve) => {
      const req = this.#request(new URL(path, this.#url), { method: 'GET', agent: this.#agent, timeout: timeoutMs }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(0));
      req.end();
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
