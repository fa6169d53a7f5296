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

/** Path of a ref below `/api/<endpoint>/`. */
export function refPath(settings: TerminusSettings, ref: Ref): string {
  const base = `${encodeURIComponent(settings.organization)}/${encodeURIComponent(settings.db)}/local`;
  return 'commit' in ref ? `${base}/commit/${encodeURIComponent(ref.commit)}` : `${base}/branch/${encodeURIComponent(ref.branch)}`;
}

/**
 * Access to the one TerminusDB database, only through the official client over HTTP: reads via
 * TerminusDB's GraphQL endpoint (retried on transient failures), writes via the document API;
 * both behind one circuit breaker.
 */
export class Terminus {
  readonly breaker: CircuitBreaker;
  readonly #reader: WOQLClient;

  constructor(
    readonly settings: TerminusSettings,
    options: { breaker?: CircuitBreaker } = {},
  ) {
    this.breaker = options.breaker ?? new CircuitBreaker('terminusdb');
    this.#reader = this.client();
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

  /** Runs a query against TerminusDB's GraphQL endpoint at `ref`. GraphQL errors come back in the answer. */
  async graphql<T = Record<string, unknown>>(ref: Ref, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer<T>> {
    const url = `${this.settings.url}/api/graphql/${refPath(this.settings, ref)}`;
    return this.breaker.run(() =>
      retry(
        async () => {
          try {
            return (await this.#reader.sendCustomRequest('POST', url, { query, variables: variables ?? {} })) as GraphQLAnswer<T>;
          } catch (err) {
            const e = toTerminusError(err);
            // A 4xx with a GraphQL body is an answer (e.g. validation errors), not a failure.
            if (e.status >= 400 && e.status < 500 && Array.isArray((e.body as GraphQLAnswer | undefined)?.errors)) {
              return e.body as GraphQLAnswer<T>;
            }
            throw e;
          }
        },
        { retries: 2, baseDelayMs: 25, retryOn: (e) => e instanceof TerminusError && e.transient },
      ),
    );
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
