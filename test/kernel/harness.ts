/**
 * The target of the kernel contract suite: a real TerminusDB when `TERMINUSDB_URL` is set
 * (credentials `TERMINUSDB_USER` / `TERMINUSDB_PASS`, default `admin` / `root`), otherwise the
 * embedded kernel started in-process on a free port with an in-memory store.
 *
 * Every test file starts its own target:
 * ```ts
 * const target = await startTarget();
 * afterAll(() => target.close());
 * ```
 */
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { WOQLClient } from 'terminusdb';

/** True when the suite runs against a real TerminusDB (use with `it.skipIf(real)` for kernel-only details). */
export const real: boolean = (process.env.TERMINUSDB_URL ?? '') !== '';

/**
 * A parsed JSON response body. Bodies are checked by assertions (exact `toEqual`), not by types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted, not typed
export type Body = any;

/** A raw HTTP answer. `body` is the parsed JSON when the text is JSON, else `undefined`. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Body;
}

/** Options of {@link Target.request}. */
export interface RequestOptions {
  /** Query-string parameters; values are sent as `String(value)` (form-encoded). */
  readonly query?: Readonly<Record<string, string | number | boolean>>;
  /** A raw query string appended verbatim (after `query`), e.g. `'count=%20'`. */
  readonly queryString?: string;
  /** A JSON body (sets `Content-Type: application/json`). */
  readonly json?: unknown;
  /** A raw body sent as is; no Content-Type is added unless given in `headers`. */
  readonly raw?: string | Uint8Array;
  /** Send `json` gzip-compressed with `Content-Encoding: gzip`. */
  readonly gzip?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  /** `false`: no Authorization header; an object: other Basic credentials. Default: admin. */
  readonly auth?: false | { readonly user: string; readonly password: string };
}

/** A database created for one test (or one `describe`), deleted on dispose. */
export interface TestDatabase extends AsyncDisposable {
  /** Database name (random). */
  readonly name: string;
  /** Organization (the admin user). */
  readonly org: string;
  /** `org/name`, the resource path used after `/api/<endpoint>/`. */
  readonly path: string;
  /** A client of its own with this database selected (branch `main`). */
  readonly client: WOQLClient;
  /** Insert schema documents (graph_type=schema); resolves to the returned ids. */
  insertSchema(docs: object | readonly object[]): Promise<string[]>;
  /** Insert instance documents; resolves to the returned (full IRI) ids. */
  insert(docs: object | readonly object[], params?: Record<string, unknown>): Promise<string[]>;
  /** `GET` documents with `as_list=true` plus `params`. */
  list(params?: Record<string, unknown>): Promise<Body[]>;
  /** `GET` one document by id (as_list=false: the object itself). */
  get(id: string, params?: Record<string, unknown>): Promise<Body>;
  /** Head commit id of a branch, read from the `TerminusDB-Data-Version` of a read. */
  head(branch?: string): Promise<string>;
  delete(): Promise<void>;
}

/** Options of {@link Target.withDatabase}, sent as the create body. */
export interface DatabaseOptions {
  readonly label?: string;
  readonly comment?: string;
  readonly prefixes?: Readonly<Record<string, string>>;
  readonly schema?: boolean;
}

export interface Target extends AsyncDisposable {
  /** Server URL without trailing slash, e.g. `http://127.0.0.1:6363`. */
  readonly url: string;
  readonly user: string;
  readonly password: string;
  readonly real: boolean;
  /** A fresh official client connected as the admin user (no database selected). */
  client(): WOQLClient;
  /** A raw `fetch` request (Basic auth as admin unless `auth` says otherwise). */
  request(method: string, path: string, options?: RequestOptions): Promise<RawResponse>;
  /** Create a randomly named database; dispose (or `delete()`) removes it. */
  withDatabase(options?: DatabaseOptions): Promise<TestDatabase>;
  close(): Promise<void>;
}

/** A random name safe for databases, classes and branches: a letter then 12 lowercase hex/alnum chars. */
export function randomName(prefix = 't'): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

/** An instance id as GET returns it: the full IRI of an insert result without the default `@base`. */
export function contracted(id: string | undefined): string {
  if (id === undefined) throw new Error('expected an id');
  return id.startsWith('terminusdb:///data/') ? id.slice('terminusdb:///data/'.length) : id;
}

/** Start (or connect to) the target. */
export async function startTarget(): Promise<Target> {
  const external = process.env.TERMINUSDB_URL ?? '';
  if (external !== '') {
    const user = process.env.TERMINUSDB_USER ?? 'admin';
    const password = process.env.TERMINUSDB_PASS ?? 'root';
    return createTarget(external.replace(/\/+$/, ''), user, password, true, async () => {});
  }
  const { startKernel } = await import('../../kernel/index.js');
  const kernel = await startKernel({ port: 0, host: '127.0.0.1', adminUser: 'admin', adminPassword: 'root' });
  return createTarget(kernel.url.replace(/\/+$/, ''), 'admin', 'root', false, () => kernel.close());
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function createTarget(
  url: string,
  user: string,
  password: string,
  isReal: boolean,
  stop: () => Promise<void>,
): Target {
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await stop();
  };

  const client = (): WOQLClient => new WOQLClient(`${url}/`, { user, organization: user, key: password });

  const request = async (method: string, path: string, options: RequestOptions = {}): Promise<RawResponse> => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(options.query ?? {})) search.append(k, String(v));
    let qs = search.toString();
    if (options.queryString !== undefined) qs = qs === '' ? options.queryString : `${qs}&${options.queryString}`;
    const headers: Record<string, string> = {};
    if (options.auth !== false) {
      const creds = options.auth ?? { user, password };
      headers.Authorization = basic(creds.user, creds.password);
    }
    let body: string | Uint8Array | undefined;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      const text = JSON.stringify(options.json);
      if (options.gzip === true) {
        headers['Content-Encoding'] = 'gzip';
        body = gzipSync(text);
      } else {
        body = text;
      }
    } else if (options.raw !== undefined) {
      body = options.raw;
    }
    Object.assign(headers, options.headers ?? {});
    const res = await fetch(`${url}${path}${qs === '' ? '' : `?${qs}`}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.text();
    let parsed: Body = undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  };

  const withDatabase = async (options: DatabaseOptions = {}): Promise<TestDatabase> => {
    const name = randomName('db');
    const dbClient = client();
    await dbClient.createDatabase(name, { label: name, comment: 'contract test', schema: true, ...options });
    dbClient.db(name);
    let deleted = false;
    const remove = async (): Promise<void> => {
      if (deleted) return;
      deleted = true;
      await request('DELETE', `/api/db/${user}/${name}`);
    };
    const db: TestDatabase = {
      name,
      org: user,
      path: `${user}/${name}`,
      client: dbClient,
      async insertSchema(docs) {
        return (await dbClient.addDocument(docs, { graph_type: 'schema' }, name, 'schema')) as string[];
      },
      async insert(docs, params = {}) {
        return (await dbClient.addDocument(docs, { ...params }, name, 'insert')) as string[];
      },
      async list(params = {}) {
        return (await dbClient.getDocument({ ...params, as_list: true }, name)) as Body[];
      },
      async get(id, params = {}) {
        return (await dbClient.getDocument({ ...params, id }, name)) as Body;
      },
      async head(branch = 'main') {
        const res = await request('GET', `/api/document/${user}/${name}/local/branch/${branch}`, {
          query: { as_list: true, count: 0 },
        });
        const version = res.headers.get('terminusdb-data-version') ?? '';
        if (!version.startsWith('branch:')) throw new Error(`no data version for ${branch}: ${res.status}`);
        return version.slice('branch:'.length);
      },
      delete: remove,
      [Symbol.asyncDispose]: remove,
    };
    return db;
  };

  return {
    url,
    user,
    password,
    real: isReal,
    client,
    request,
    withDatabase,
    close,
    [Symbol.asyncDispose]: close,
  };
}
