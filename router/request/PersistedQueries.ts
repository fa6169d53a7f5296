import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { GraphQLError } from 'graphql/index.js';
import { supergraphError } from '../../lib/index.js';
import { ConfigError } from '../config/ConfigError.js';
import type { PersistedQueriesConfig } from '../config/RouterConfig.js';
import { LruCache, type CacheObserver } from '../execution/LruCache.js';
import type { GraphQLParams } from './readGraphQLParams.js';

/** sha256 hex of a document, as APQ and the trusted-documents manifest use. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads a trusted-documents manifest: a JSON map hash → document (GraphQL Code Generator's persisted-documents output). */
export async function readManifest(file: string): Promise<ReadonlyMap<string, string>> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read trusted documents ${file}: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new ConfigError(`${file}: expected a JSON object hash → document`);
  const map = new Map<string, string>();
  for (const [hash, text] of Object.entries(doc)) {
    if (typeof text !== 'string') throw new ConfigError(`${file}: the document of ${hash} is not a string`);
    map.set(hash.replace(/^sha256:/, ''), text);
  }
  return map;
}

/**
 * Resolves the document of a request: automatic persisted queries (Apollo's protocol,
 * `extensions.persistedQuery.sha256Hash`) and trusted documents (a manifest; with `onlyTrusted`, any
 * other document is refused with OPERATION_NOT_TRUSTED).
 */
export class PersistedQueries {
  readonly #apq: LruCache<string, string>;
  readonly #trustedTexts: ReadonlySet<string>;

  constructor(
    readonly config: PersistedQueriesConfig,
    readonly manifest: ReadonlyMap<string, string>,
    apqCacheSize: number,
    observe?: CacheObserver,
  ) {
    this.#apq = new LruCache(apqCacheSize, observe);
    this.#trustedTexts = new Set(manifest.values());
  }

  /** The query text to run, or the error to answer. */
  resolve(params: GraphQLParams): string | GraphQLError {
    const pq = params.extensions['persistedQuery'] as { sha256Hash?: unknown; version?: unknown } | undefined;
    const hashFromApq = typeof pq?.sha256Hash === 'string' ? pq.sha256Hash : undefined;
    const id = (params.documentId ?? hashFromApq)?.replace(/^sha256:/, '');
    const trusted = id !== undefined ? this.manifest.get(id) : undefined;
    if (this.config.onlyTrusted) {
      if (trusted !== undefined) return trusted;
      if (params.query !== undefined && this.#trustedTexts.has(params.query)) return params.query;
      return supergraphError('OPERATION_NOT_TRUSTED', id !== undefined ? `document ${id} is not in the trusted documents manifest` : 'only trusted documents are accepted: send a documentId from the manifest');
    }
    if (trusted !== undefined) return trusted;
    if (hashFromApq === undefined) {
      return params.query ?? supergraphError('BAD_REQUEST', params.documentId !== undefined ? `unknown documentId ${params.documentId}` : 'request has no "query"');
    }
    if (!this.config.apq) return supergraphError('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotSupported', { reason: 'automatic persisted queries are disabled' });
    if (params.query !== undefined) {
      if (sha256(params.query) !== hashFromApq) return supergraphError('BAD_REQUEST', 'provided sha does not match query');
      this.#apq.set(hashFromApq, params.query);
      return params.query;
    }
    return this.#apq.get(hashFromApq) ?? supergraphError('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
  }
}
