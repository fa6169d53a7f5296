import { refPath, TerminusError, type Terminus } from '../../../lib/index.js';

/** A document as the document API returns it (contracted ids and property names). */
export type SourceDocument = Readonly<Record<string, unknown>> & { readonly '@id': string; readonly '@type': string };

/** The TerminusDB name of a supergraph branch (`feature/x` is stored as `feature~x`). */
export function terminusBranch(branch: string): string {
  return branch.replaceAll('/', '~');
}

/** Ids per request when reading documents by id (keeps the query string short). */
const IDS_PER_READ = 100;
/** Documents per page when reading a whole class. */
const PAGE = 2_000;

function asList(raw: unknown): SourceDocument[] {
  if (Array.isArray(raw)) return raw as SourceDocument[];
  if (raw !== null && typeof raw === 'object') return [raw as SourceDocument];
  return [];
}

async function getDocuments(terminus: Terminus, commit: string, params: Record<string, string>): Promise<SourceDocument[]> {
  const s = terminus.settings;
  const q = new URLSearchParams({ as_list: 'true', ...params });
  const client = terminus.client();
  return asList(await terminus.call(() => client.sendCustomRequest('GET', `${s.url}/api/document/${refPath(s, { commit })}?${q}`) as Promise<unknown>));
}

/** The head commit of a branch; undefined when the branch does not exist. */
export async function branchHead(terminus: Terminus, branch: string): Promise<string | undefined> {
  const s = terminus.settings;
  const client = terminus.client();
  try {
    const raw = (await terminus.call(() => client.sendCustomRequest('GET', `${s.url}/api/log/${refPath(s, { branch: terminusBranch(branch) })}?count=1`) as Promise<unknown>)) as { identifier?: string }[];
    return Array.isArray(raw) ? raw[0]?.identifier : undefined;
  } catch (err) {
    if (err instanceof TerminusError && err.status === 404) return undefined;
    throw err;
  }
}

/**
 * The documents with these ids at a commit; ids that do not exist there (deleted) are left out.
 * Reads in chunks; a chunk with a missing id is read again one by one.
 */
export async function readDocuments(terminus: Terminus, commit: string, ids: readonly string[]): Promise<Map<string, SourceDocument>> {
  const out = new Map<string, SourceDocument>();
  for (let i = 0; i < ids.length; i += IDS_PER_READ) {
    const chunk = ids.slice(i, i + IDS_PER_READ);
    let docs: SourceDocument[];
    try {
      docs = await getDocuments(terminus, commit, { ids: JSON.stringify(chunk) });
    } catch (err) {
      if (!(err instanceof TerminusError && err.status === 404)) throw err;
      docs = [];
      for (const id of chunk) {
        try {
          docs.push(...(await getDocuments(terminus, commit, { id })));
        } catch (one) {
          if (!(one instanceof TerminusError && one.status === 404)) throw one;
        }
      }
    }
    for (const d of docs) if (typeof d['@id'] === 'string') out.set(d['@id'], d);
  }
  return out;
}

/** Every document of exactly this class at a commit (subclasses left out), page by page. */
export async function* readClass(terminus: Terminus, commit: string, cls: string, signal?: AbortSignal): AsyncGenerator<SourceDocument[]> {
  for (let skip = 0; ; skip += PAGE) {
    signal?.throwIfAborted();
    const page = await getDocuments(terminus, commit, { type: cls, skip: String(skip), count: String(PAGE) });
    const own = page.filter((d) => d['@type'] === cls);
    if (own.length > 0) yield own;
    if (page.length < PAGE) return;
  }
}

/**
 * How many commits of a branch come after `commit` (newest first from the head, at most `max`
 * counted; `max` when `commit` is not found within them, e.g. null or after a reset).
 */
export async function commitsAfter(terminus: Terminus, branch: string, commit: string | null, max = 1_000): Promise<number> {
  const s = terminus.settings;
  const client = terminus.client();
  const raw = (await terminus.call(() => client.sendCustomRequest('GET', `${s.url}/api/log/${refPath(s, { branch: terminusBranch(branch) })}?count=${max}`) as Promise<unknown>)) as { identifier?: string; '@type'?: string }[];
  if (!Array.isArray(raw)) return 0;
  const real = raw.filter((e) => e['@type'] !== 'InitialCommit');
  if (commit === null) return real.length;
  const at = real.findIndex((e) => e.identifier === commit);
  return at === -1 ? real.length : at;
}

/** Ids and classes of the documents that differ between two commits (`/api/diff`, `@id`/`@type` kept). */
export async function changedBetween(terminus: Terminus, before: string, after: string): Promise<{ id: string; type: string }[]> {
  const s = terminus.settings;
  const base = `${encodeURIComponent(s.organization)}/${encodeURIComponent(s.db)}`;
  const client = terminus.client();
  const body = { before_data_version: before, after_data_version: after, keep: { '@id': true, '@type': true } };
  const raw = await terminus.call(() => client.sendCustomRequest('POST', `${s.url}/api/diff/${base}`, body) as Promise<unknown>);
  if (!Array.isArray(raw)) return [];
  return (raw as Record<string, unknown>[]).map((d) => {
    const doc = (d['@op'] === 'Insert' ? d['@insert'] : d['@op'] === 'Delete' ? d['@delete'] : d) as Record<string, unknown> | undefined;
    const id = String(doc?.['@id'] ?? '');
    const type = typeof doc?.['@type'] === 'string' ? doc['@type'] : id.slice(0, Math.max(0, id.indexOf('/')));
    return { id, type };
  });
}
