import { refPath, type Terminus } from '../../../lib/index.js';
import { toTerminusBranch } from '../branches/naming.js';
import type { CommitMeta } from './commitMessage.js';

type Obj = Record<string, unknown>;

/** An answer of a write: the result and the commit it made (from `TerminusDB-Data-Version`). */
export interface Written<T> {
  readonly result: T;
  /** The commit id: `branch:<id>` of the data version answered by the write itself (cannot race). */
  readonly commit: string;
}

/** Commit id of a `branch:<id>` data version. */
export function commitOfVersion(version: unknown): string {
  if (typeof version !== 'string') throw new Error('TerminusDB sent no data version');
  const i = version.indexOf(':');
  return i < 0 ? version : version.slice(i + 1);
}

/**
 * Authored writes through the official client's `dispatch` (so that the data version of the answer
 * is available): document API POST/PUT/DELETE, GET with a data version for merge patches.
 * Failures are thrown as the client's errors (map them with `mapTerminusFailure`).
 */
export class TerminusWriter {
  constructor(private readonly terminus: Terminus) {}

  /** `/api/<endpoint>/<org>/<db>/local/branch/<b>` plus query parameters. */
  url(endpoint: string, branch: string, params: Record<string, string> = {}): string {
    const s = this.terminus.settings;
    const q = new URLSearchParams(params).toString();
    return `${s.url}/api/${endpoint}/${refPath(s, { branch: toTerminusBranch(branch) })}${q === '' ? '' : `?${q}`}`;
  }

  async #send<T>(method: string, url: string, payload: unknown, author?: string, version?: string): Promise<Written<T>> {
    const client = this.terminus.client(author === undefined ? {} : { author });
    if (version !== undefined) client.customHeaders({ 'TerminusDB-Data-Version': version });
    const answer = (await this.terminus.call(() => client.dispatch(method, url, payload, true) as Promise<unknown>)) as {
      result: T;
      dataVersion?: string;
    };
    return { result: answer.result, commit: commitOfVersion(answer.dataVersion) };
  }

  /** Inserts documents in one commit; resolves to their ids (full IRIs) and the commit. */
  insert(branch: string, docs: readonly Obj[], meta: CommitMeta): Promise<Written<string[]>> {
    return this.#send('POST', this.url('document', branch, { author: meta.author, message: meta.message }), docs, meta.author);
  }

  /** Replaces documents in one commit (`version`: fail unless the branch is still at it). */
  replace(branch: string, docs: readonly Obj[], meta: CommitMeta, version?: string): Promise<Written<string[]>> {
    return this.#send('PUT', this.url('document', branch, { author: meta.author, message: meta.message }), docs, meta.author, version);
  }

  /** Deletes documents (and their subdocuments) in one commit. */
  remove(branch: string, ids: readonly string[], meta: CommitMeta): Promise<Written<unknown>> {
    return this.#send('DELETE', this.url('document', branch, { author: meta.author, message: meta.message }), ids, meta.author);
  }

  /** Reads documents by id with the branch's data version (`branch:<head>`). */
  async read(branch: string, ids: readonly string[]): Promise<{ docs: Obj[]; version: string }> {
    const url = this.url('document', branch, { as_list: 'true', ids: JSON.stringify(ids) });
    const client = this.terminus.client();
    const answer = (await this.terminus.call(() => client.dispatch('GET', url, {}, true) as Promise<unknown>)) as { result: Obj[]; dataVersion: string };
    return { docs: Array.isArray(answer.result) ? answer.result : [], version: answer.dataVersion };
  }
}
