import http from 'node:http';
import https from 'node:https';
import { WOQLClient } from 'terminusdb';
import { CircuitBreaker, retry } from '../resilience/index.js';
import { TerminusError, toTerminusError } from './TerminusError.js';

/** Where and as whom to reach TerminusDB. */
export interface TerminusSettings {
  /** Server URL, e.g. `http://127.0.0.1:6363` (env `TERMINUSDB_URL`). */
  readonly url: string;
  readonly user: string;
  readonly key: string;
  /** Organization (TerminusDB team); default: the user. */
  readonly organization: string;
  /** The database of the supergraph. */
  readonly db: string;
}

/** A branch head or a commit of the database. */
export type Ref = { readonly branch: string } | { readonly commit: string };

export interface GraphQLAnswer<T = Record<string, unknown>> {
  readonly data?: T | null;
  readonly errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A GraphQL answer with the size of the JSON text it was parsed from (for caches that budget bytes). */
export interface SizedGraphQLAnswer<T = Record<string, unknown>> {
  readonly answer: GraphQLAnswer<T>;
  /** Length of the answer's JSON text (UTF-16 code units). */
  readonly size: number;
}

/** Path of a ref below `/api/<endpoint>/`. */
export function refPath(settings: TerminusSettings, ref: Ref): string {
  const base = `${encodeURIComponent(settings.organization)}/${encodeURIComponent(settings.db)}/local`;
  return 'commit' in ref ? `${base}/commit/${encodeURIComponent(ref.commit)}` : `${base}/branch/${encodeURIComponent(ref.branch)}`;
}

/**
 * Access to the one TerminusDB database over HTTP: reads via TerminusDB's GraphQL endpoint (retried on
 * transient failures), writes and everything else via the official client; both behind one circuit
 * breaker. The GraphQL POST (the client has no GraphQL method, only the generic `sendCustomRequest`
 * over axios) goes over a keep-alive `node:http(s)` agent with the same Basic credentials, the same
 * retry and breaker, and errors normalised exactly as the client's (`toTerminusError`): see
 * lib/README.md.
 */
export class Terminus {
  readonly breaker: CircuitBreaker;
  readonly #agent: http.Agent;
  readonly #request: typeof http.request;
  readonly #authorization: string;
  readonly #userAgent = 'terminusdb-supergraph (node:http)';

  constructor(
    readonly settings: TerminusSettings,
    options: { breaker?: CircuitBreaker; maxSockets?: number } = {},
  ) {
    this.breaker = options.breaker ?? new CircuitBreaker('terminusdb');
    const secure = settings.url.startsWith('https:');
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
    // As the official client: self-signed certificates are accepted only on 127.0.0.1.
    this.#agent = secure ? new https.Agent({ ...agentOptions, ...(settings.url.startsWith('https://127.0.0.1') ? { rejectUnauthorized: false } : {}) }) : new http.Agent(agentOptions);
    this.#request = secure ? https.request : http.request;
    this.#authorization = `Basic ${Buffer.from(`${settings.user}:${settings.key}`).toString('base64')}`;
  }

  /**
   * A fresh official client with the database selected. Clients carry sticky state (branch, ref,
   * headers), so use one per operation. `author` is written into the commits it makes.
   */
  client(options: { author?: string; branch?: string } = {}): WOQLClient {
    const s = this.settings;
    const c = new WOQLClient(s.url, { user: s.user, organization: s.organization, key: s.key, db: s.db });
    if (options.branch !== undefined) c.checkout(options.branch);
    const author = options.author;
    if (author !== undefined) c.author = () => author;
    return c;
  }

  /**
   * Creates `branch` as an empty branch (no shared history; its own schema) through the official client's
   * `POST /api/branch` with no origin — how each service keeps its data (`svc-<service>`). True when
   * created, false when it already existed.
   */
  async ensureEmptyBranch(branch: string, author: string): Promise<boolean> {
    const s = this.settings;
    const client = this.client({ author });
    try {
      await this.call(() => client.sendCustomRequest('POST', `${s.url}/api/branch/${refPath(s, { branch })}`, {}) as Promise<unknown>);
      return true;
    } catch (err) {
      if ((err as { apiErrorType?: string }).apiErrorType === 'api:BranchExistsError') return false;
      throw err;
    }
  }

  /** Runs a query against TerminusDB's GraphQL endpoint at `ref`. GraphQL errors come back in the answer. */
  async graphql<T = Record<string, unknown>>(ref: Ref, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer<T>> {
    return (await this.graphqlSized<T>(ref, query, variables)).answer;
  }

  /** {@link graphql}, also telling the length of the answer's JSON text. */
  async graphqlSized<T = Record<string, unknown>>(ref: Ref, query: string, variables?: Record<string, unknown>): Promise<SizedGraphQLAnswer<T>> {
    const url = `${this.settings.url}/api/graphql/${refPath(this.settings, ref)}`;
    const body = JSON.stringify({ query, variables: variables ?? {} });
    return this.breaker.run(() =>
      retry(
        async () => {
          const { status, text } = await this.#post(url, body);
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text) as unknown;
          } catch {
            // keep the text (as axios does)
          }
          if (status >= 200 && status < 300) return { answer: parsed as GraphQLAnswer<T>, size: text.length };
          // A 4xx with a GraphQL body is an answer (e.g. validation errors), not a failure.
          if (status >= 400 && status < 500 && Array.isArray((parsed as GraphQLAnswer | undefined)?.errors)) return { answer: parsed as GraphQLAnswer<T>, size: text.length };
          throw toTerminusError({ status, data: parsed, message: `API Error Code: ${status} url: ${url} method: POST` });
        },
        { retries: 2, baseDelayMs: 25, retryOn: (e) => e instanceof TerminusError && e.transient },
      ),
    );
  }

  /** One POST over the keep-alive agent; transport failures become TerminusError with status 0. */
  #post(url: string, body: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = this.#request(
        url,
        {
          method: 'POST',
          agent: this.#agent,
          headers: {
            authorization: this.#authorization,
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(body),
            accept: 'application/json',
            'user-agent': this.#userAgent,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (err) => reject(new TerminusError(err.message, 0, undefined)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8') }));
        },
      );
      req.on('error', (err) => reject(new TerminusError(err.message, 0, undefined)));
      req.end(body);
    });
  }

  /** Closes idle keep-alive sockets (process shutdown, tests). */
  close(): void {
    this.#agent.destroy();
  }

  /** Runs an operation of the official client through the breaker; errors become TerminusError. */
  async call<T>(operation: () => Promise<T>): Promise<T> {
    return this.breaker.run(async () => {
      try {
        return await operation();
      } catch (err) {
        throw toTerminusError(err);
      }
    });
  }

  /** Whether TerminusDB answers (`GET /api/info`) and the database exists. */
  async ready(): Promise<boolean> {
    try {
      const c = this.client();
      await c.info();
      return (await c.hasDatabase(this.settings.organization, this.settings.db)) === true;
    } catch {
      return false;
    }
  }
}
