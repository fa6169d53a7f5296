import { createHash } from 'node:crypto';
import { refPath, TerminusError, type Terminus } from '../../../lib/index.js';

/** The branch that keeps this service's records (an empty branch of the same database, own schema). */
export const SERVICE_BRANCH = 'svc-embedding';

/** What is recorded per embedded document (no vector: that lives in the index on disk). */
export interface EmbeddingRecord {
  /** Branch of the document (supergraph name). */
  readonly branch: string;
  /** Document id (relative to @base). */
  readonly document: string;
  /** Class of the document. */
  readonly type: string;
  /** Model id of the vector. */
  readonly model: string;
  /** Content hash of the embedded text. */
  readonly contentHash: string;
  /** Commit the text was read at. */
  readonly commit: string;
  readonly dimensions: number;
}

/** The schema of `svc-embedding` (written at start; an identical schema makes no commit). */
export const RECORD_SCHEMA = [
  {
    '@type': 'Class',
    '@id': 'EmbeddingRecord',
    '@key': { '@type': 'Lexical', '@fields': ['key'] },
    '@documentation': { '@comment': 'One embedded document of a branch: which text (content hash) at which commit, by which model. The vector is in the index files of the embedding service.' },
    key: 'xsd:string',
    branch: 'xsd:string',
    document: 'xsd:string',
    type: 'xsd:string',
    model: 'xsd:string',
    contentHash: 'xsd:string',
    commit: 'xsd:string',
    dimensions: 'xsd:integer',
  },
  {
    '@type': 'Class',
    '@id': 'EmbeddingCursor',
    '@key': { '@type': 'Lexical', '@fields': ['key'] },
    '@documentation': { '@comment': 'The newest commit of a branch the embedding service has processed.' },
    key: 'xsd:string',
    branch: 'xsd:string',
    commit: 'xsd:string',
  },
] as const;

function hashKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40);
}

function recordDoc(r: EmbeddingRecord): Record<string, unknown> {
  const key = hashKey(r.branch, r.document);
  return { '@id': `EmbeddingRecord/${key}`, '@type': 'EmbeddingRecord', key, ...r };
}

function cursorDoc(branch: string, commit: string): Record<string, unknown> {
  const key = hashKey(branch);
  return { '@id': `EmbeddingCursor/${key}`, '@type': 'EmbeddingCursor', key, branch, commit };
}

/** The document-level patch from `before` to `after` (TerminusDB patch format), or undefined when equal. */
function docPatch(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (before === undefined && after === undefined) return undefined;
  if (before === undefined) return { '@id': after?.['@id'], '@op': 'Insert', '@insert': after };
  if (after === undefined) return { '@id': before['@id'], '@op': 'Delete', '@delete': before };
  const patch: Record<string, unknown> = { '@id': before['@id'] };
  let changed = false;
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (k === '@id' || before[k] === after[k]) continue;
    patch[k] = { '@op': 'SwapValue', '@before': before[k] ?? null, '@after': after[k] ?? null };
    changed = true;
  }
  return changed ? patch : undefined;
}

/** A change of one branch's records, written as one commit. */
export interface RecordChange {
  readonly upserts: readonly EmbeddingRecord[];
  /** Document ids whose records go. */
  readonly removes: readonly string[];
  /** The branch's new cursor (newest processed commit). */
  readonly cursor?: string;
}

/**
 * The records in `svc-embedding`, mirrored in memory. Every change of a branch is one patch = one
 * commit (author `<svc>@embedding`, message `[embedding] ...`), written through the official client;
 * a patch that conflicts (another writer moved the records) reloads the mirror and is rebuilt once.
 */
export class RecordStore {
  readonly #terminus: Terminus;
  readonly #records = new Map<string, Map<string, EmbeddingRecord>>();
  readonly #cursors = new Map<string, string>();
  #loaded = false;

  constructor(terminus: Terminus) {
    this.#terminus = terminus;
  }

  /** Creates `svc-embedding` (empty, no shared history) and its schema unless present, then loads the records. */
  async open(author = 'system@embedding'): Promise<void> {
    const t = this.#terminus;
    const s = t.settings;
    await t.ensureEmptyBranch(SERVICE_BRANCH, author);
    const schemaClient = t.client({ author, branch: SERVICE_BRANCH });
    await t.call(() => schemaClient.updateDocument([...RECORD_SCHEMA] as unknown as object[], { graph_type: 'schema', create: true } as never, s.db, '[embedding] record schema') as Promise<unknown>);
    await this.reload();
  }

  /** Reads every record and cursor again. */
  async reload(): Promise<void> {
    const t = this.#terminus;
    const s = t.settings;
    const client = t.client();
    const read = async (type: string): Promise<Record<string, unknown>[]> => {
      const raw = await t.call(() => client.sendCustomRequest('GET', `${s.url}/api/document/${refPath(s, { branch: SERVICE_BRANCH })}?type=${type}&as_list=true`) as Promise<unknown>);
      return Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
    };
    const [records, cursors] = await Promise.all([read('EmbeddingRecord'), read('EmbeddingCursor')]);
    this.#records.clear();
    this.#cursors.clear();
    for (const r of records) {
      const rec: EmbeddingRecord = {
        branch: String(r['branch']),
        document: String(r['document']),
        type: String(r['type']),
        model: String(r['model']),
        contentHash: String(r['contentHash']),
        commit: String(r['commit']),
        dimensions: Number(r['dimensions']),
      };
      this.#branch(rec.branch).set(rec.document, rec);
    }
    for (const c of cursors) this.#cursors.set(String(c['branch']), String(c['commit']));
    this.#loaded = true;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  /** The records of a branch, by document id. */
  records(branch: string): ReadonlyMap<string, EmbeddingRecord> {
    return this.#branch(branch);
  }

  /** The newest processed commit of a branch, if any was recorded. */
  cursor(branch: string): string | undefined {
    return this.#cursors.get(branch);
  }

  /**
   * Writes a change of one branch as one commit; returns the new head of `svc-embedding`, or null
   * when nothing changed (no write).
   */
  async write(branch: string, change: RecordChange, meta: { author: string; message: string }): Promise<string | null> {
    for (let attempt = 0; ; attempt++) {
      const patch = this.#patch(branch, change);
      if (patch.length === 0) return null;
      const client = this.#terminus.client({ author: meta.author, branch: SERVICE_BRANCH });
      try {
        await this.#terminus.call(() => client.patchResource(patch, meta.message) as Promise<unknown>);
      } catch (err) {
        if (attempt === 0 && err instanceof TerminusError && (err.status === 409 || err.status === 404)) {
          // Another writer moved the records (409), or svc-embedding was deleted (404): read again, rebuild once.
          if (err.status === 404) await this.open(meta.author);
          else await this.reload();
          continue;
        }
        throw err;
      }
      const records = this.#branch(branch);
      for (const r of change.upserts) records.set(r.document, r);
      for (const id of change.removes) records.delete(id);
      if (change.cursor !== undefined) this.#cursors.set(branch, change.cursor);
      return this.#head();
    }
  }

  #patch(branch: string, change: RecordChange): Record<string, unknown>[] {
    const records = this.#branch(branch);
    const out: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    for (const r of change.upserts) {
      seen.add(r.document);
      const before = records.get(r.document);
      const p = docPatch(before === undefined ? undefined : recordDoc(before), recordDoc(r));
      if (p !== undefined) out.push(p);
    }
    for (const id of change.removes) {
      const before = records.get(id);
      if (before === undefined || seen.has(id)) continue;
      const p = docPatch(recordDoc(before), undefined);
      if (p !== undefined) out.push(p);
    }
    if (change.cursor !== undefined) {
      const old = this.#cursors.get(branch);
      const p = docPatch(old === undefined ? undefined : cursorDoc(branch, old), cursorDoc(branch, change.cursor));
      if (p !== undefined) out.push(p);
    }
    return out;
  }

  async #head(): Promise<string> {
    const s = this.#terminus.settings;
    const client = this.#terminus.client();
    const raw = (await this.#terminus.call(() => client.sendCustomRequest('GET', `${s.url}/api/log/${refPath(s, { branch: SERVICE_BRANCH })}?count=1`) as Promise<unknown>)) as { identifier?: string }[];
    return raw[0]?.identifier ?? '';
  }

  #branch(branch: string): Map<string, EmbeddingRecord> {
    let m = this.#records.get(branch);
    if (m === undefined) {
      m = new Map();
      this.#records.set(branch, m);
    }
    return m;
  }
}
