/** Helpers for the embedding tests: an engine over a test database, commit events read from the log. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommitEvent, Terminus } from '../../lib/index.js';
import { EmbeddingEngine, lexicalEmbedder, manifestPlan, RecordStore, SERVICE_BRANCH, type Embedder } from '../../subgraphs/embedding/index.js';

/** A fresh temporary data dir. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'embedding-'));
}

/** An engine on `main` with the lexical embedder (or the given one), not opened. */
export function engineFor(terminus: Terminus, dataDir: string, options: { embedder?: Embedder; hnswThreshold?: number } = {}): EmbeddingEngine {
  return new EmbeddingEngine({
    terminus,
    embedder: options.embedder ?? lexicalEmbedder(64),
    plan: manifestPlan(),
    records: new RecordStore(terminus),
    branches: ['main'],
    dataDir,
    saveDelayMs: 10,
    ...(options.hnswThreshold === undefined ? {} : { hnswThreshold: options.hnswThreshold }),
  });
}

/** The commit event of `commit` on `main` as the relay would publish it (changes as given). */
export function commitEvent(db: string, commit: string, changes: CommitEvent['changes'], branch = 'main'): CommitEvent {
  return {
    version: 1, kind: 'commit', db, branch, commit, parent: null, author: 'tester@test', message: 'test', trailers: {}, traceId: null, userSid: null,
    timestamp: new Date().toISOString(), changes, changeCount: changes.length, truncated: false,
  };
}

/** Log entries of `svc-embedding`, newest first. */
export async function serviceLog(terminus: Terminus): Promise<{ identifier: string; author: string; message: string }[]> {
  const s = terminus.settings;
  const client = terminus.client();
  try {
    return (await client.sendCustomRequest('GET', `${s.url}/api/log/${s.organization}/${s.db}/local/branch/${SERVICE_BRANCH}?count=1000`)) as { identifier: string; author: string; message: string }[];
  } catch {
    return [];
  }
}

/** Records in `svc-embedding`. */
export async function serviceRecords(terminus: Terminus): Promise<Record<string, unknown>[]> {
  const s = terminus.settings;
  return (await terminus.client().sendCustomRequest('GET', `${s.url}/api/document/${s.organization}/${s.db}/local/branch/${SERVICE_BRANCH}?type=EmbeddingRecord&as_list=true`)) as Record<string, unknown>[];
}
