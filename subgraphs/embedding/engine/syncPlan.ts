import { contentHash, documentText, type EmbedPlan } from '../plan/EmbedPlan.js';
import type { EmbeddingRecord } from '../records/RecordStore.js';
import type { SourceDocument } from '../source/sourceDocuments.js';
import type { VectorIndex } from '../vectors/VectorIndex.js';

/** A document to embed. */
export interface ToEmbed {
  readonly id: string;
  readonly type: string;
  readonly text: string;
  readonly hash: string;
}

/** What a sync has to do for a set of documents. */
export interface SyncPlan {
  /** Texts to embed (new, changed, other model, or missing from the index). */
  readonly embed: ToEmbed[];
  /** Vector in the index is current but the record is missing or stale: write the record only. */
  readonly recordOnly: ToEmbed[];
  /** Ids to drop from the index and the records (deleted, no longer embeddable, empty text). */
  readonly remove: string[];
  /** Documents already up to date. */
  readonly skipped: number;
}

/**
 * Compares documents read at a commit with the index and the records. `docs` maps each id to its
 * document, or to undefined when it does not exist (any more). Idempotent: a second run on the same
 * documents plans nothing (content hash and model match).
 */
export function planSync(
  docs: ReadonlyMap<string, SourceDocument | undefined>,
  context: { plan: EmbedPlan; index: VectorIndex; records: ReadonlyMap<string, EmbeddingRecord>; model: string; force?: boolean },
): SyncPlan {
  const out: SyncPlan = { embed: [], recordOnly: [], remove: [], skipped: 0 };
  let skipped = 0;
  for (const [id, doc] of docs) {
    const cls = doc === undefined ? undefined : context.plan.classes.get(doc['@type']);
    const text = cls === undefined || doc === undefined ? '' : documentText(cls, doc);
    if (cls === undefined || text === '') {
      if (context.index.entry(id) !== undefined || context.records.has(id)) out.remove.push(id);
      continue;
    }
    const hash = contentHash(text);
    const item = { id, type: cls.type, text, hash };
    const entry = context.index.entry(id);
    const record = context.records.get(id);
    const vectorOk = context.force !== true && entry !== undefined && entry.hash === hash && entry.model === context.model && entry.type === cls.type;
    const recordOk = record !== undefined && record.contentHash === hash && record.model === context.model && record.type === cls.type;
    if (!vectorOk) out.embed.push(item);
    else if (!recordOk) out.recordOnly.push(item);
    else skipped++;
  }
  return { ...out, skipped };
}
