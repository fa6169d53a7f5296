import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VectorIndex, type IndexEntry, type VectorIndexOptions } from './VectorIndex.js';

const VERSION = 1;

/** `meta.json`: entries by slot (null for free slots), dimensions, the model the vectors came from. */
interface IndexMeta {
  readonly version: number;
  readonly dimensions: number;
  readonly hnsw: boolean;
  /** `[id, type, hash, model, commit]` per slot, null for a free slot. */
  readonly slots: ([string, string, string, string, string] | null)[];
}

/** The folder of a branch's index below the data dir (the branch name, made file-safe). */
export function branchDir(dataDir: string, branch: string): string {
  return join(dataDir, encodeURIComponent(branch).replaceAll('%', '_'));
}

/**
 * Writes a branch's index: `vectors.f32` (the slab), `hnsw.usearch` (when the graph is in use),
 * then `meta.json` last, each through a temporary file and a rename, so a crash leaves either the old
 * or the new `meta.json`, and a mismatch is detected at load (the records repair the rest).
 */
export async function saveIndex(dir: string, index: VectorIndex): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { slots, vectors, hnsw } = index.snapshot();
  const meta: IndexMeta = {
    version: VERSION,
    dimensions: index.dimensions,
    hnsw: hnsw !== undefined,
    slots: slots.map((e) => (e === undefined ? null : [e.id, e.type, e.hash, e.model, e.commit])),
  };
  const vectorsTmp = join(dir, 'vectors.f32.tmp');
  await writeFile(vectorsTmp, new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
  await rename(vectorsTmp, join(dir, 'vectors.f32'));
  if (hnsw !== undefined) {
    const graphTmp = join(dir, 'hnsw.usearch.tmp');
    hnsw.save(graphTmp);
    await rename(graphTmp, join(dir, 'hnsw.usearch'));
  } else await rm(join(dir, 'hnsw.usearch'), { force: true });
  const metaTmp = join(dir, 'meta.json.tmp');
  await writeFile(metaTmp, JSON.stringify(meta));
  await rename(metaTmp, join(dir, 'meta.json'));
}

/**
 * Loads a branch's index saved by {@link saveIndex}; undefined when there is none, or when it is
 * unreadable or of other dimensions (the caller starts empty and the records repair it).
 */
export async function loadIndex(dir: string, dimensions: number, options: VectorIndexOptions = {}): Promise<VectorIndex | undefined> {
  const metaFile = join(dir, 'meta.json');
  if (!existsSync(metaFile)) return undefined;
  try {
    const meta = JSON.parse(await readFile(metaFile, 'utf8')) as IndexMeta;
    if (meta.version !== VERSION || meta.dimensions !== dimensions) return undefined;
    const bytes = await readFile(join(dir, 'vectors.f32'));
    if (bytes.byteLength !== meta.slots.length * dimensions * 4) return undefined;
    const vectors = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const slots = meta.slots.map((s): IndexEntry | undefined => (s === null ? undefined : { id: s[0], type: s[1], hash: s[2], model: s[3], commit: s[4] }));
    const graph = join(dir, 'hnsw.usearch');
    return VectorIndex.restore(dimensions, slots, vectors, { ...options, ...(meta.hnsw && existsSync(graph) ? { hnswFile: graph } : {}) });
  } catch {
    return undefined;
  }
}
