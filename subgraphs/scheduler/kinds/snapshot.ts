import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { documentPage, headOf } from '../store/terminusOps.js';
import { checkAborted, field, PayloadError, PermanentError, type JobKind } from './JobKind.js';

/** Payload of `snapshot`: a branch, at its head or at `commit` (an on-commit run uses its commit). */
export interface SnapshotPayload {
  readonly branch: string;
  readonly commit?: string;
}

/** `manifest.json` of a snapshot folder. */
export interface SnapshotManifest {
  readonly version: 1;
  readonly db: string;
  readonly branch: string;
  readonly commit: string;
  readonly createdAt: string;
  readonly file: 'documents.jsonl';
  /** Documents in all and per `@type`. */
  readonly counts: { readonly total: number; readonly byType: Readonly<Record<string, number>> };
  /** `sha256:<hex>` of `documents.jsonl`. */
  readonly checksum: string;
  readonly bytes: number;
}

const PAGE = 1_000;

/** The folder of a snapshot: `<dir>/<db>/<branch with / as ~>/<commit>`. */
export function snapshotFolder(dir: string, db: string, branch: string, commit: string): string {
  return join(dir, db, branch.replaceAll('/', '~'), commit);
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

/** Re-reads a snapshot folder: whether `documents.jsonl` matches the manifest's checksum and counts. */
export async function verifySnapshot(folder: string): Promise<{ ok: boolean; manifest: SnapshotManifest; checksum: string; total: number }> {
  const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as SnapshotManifest;
  const file = join(folder, manifest.file);
  const checksum = await sha256File(file);
  const text = await readFile(file, 'utf8');
  const total = text === '' ? 0 : text.split('\n').filter((l) => l !== '').length;
  return { ok: checksum === manifest.checksum && total === manifest.counts.total, manifest, checksum, total };
}

/**
 * `snapshot`: exports every instance document of a branch at one commit (the head when the run starts,
 * or `payload.commit`, or the commit of an on-commit run) as JSON lines, read in pages pinned to the
 * commit, with `manifest.json` (commit id, counts, SHA-256 checksum). Written to a temporary folder and
 * renamed, so a folder with a manifest is complete; a repeated run for the same commit reuses it.
 */
export const snapshotKind: JobKind<SnapshotPayload> = {
  name: 'snapshot',
  parse(p) {
    field.only(p, ['branch', 'commit']);
    const commit = field.optionalString(p, 'commit');
    if (commit !== undefined && !/^[0-9a-z]+$/.test(commit)) throw new PayloadError('payload.commit must be a commit id');
    return { branch: field.string(p, 'branch', 'main'), ...(commit === undefined ? {} : { commit }) };
  },
  async run(ctx) {
    const { terminus, snapshotDir } = ctx.deps;
    const db = terminus.settings.db;
    const branch = ctx.payload.branch;
    const commit = ctx.payload.commit ?? ctx.commit ?? (await headOf(terminus, branch));
    if (commit === undefined) throw new PermanentError(`branch ${branch} does not exist or has no commit`, 'BRANCH_NOT_FOUND');
    const folder = snapshotFolder(snapshotDir, db, branch, commit);
    if (existsSync(join(folder, 'manifest.json'))) {
      const check = await verifySnapshot(folder);
      if (check.ok) return { folder, ...check.manifest, reused: true };
    }
    const tmp = `${folder}.tmp-${ctx.runId}-${ctx.attempt}`;
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    const hash = createHash('sha256');
    const out = createWriteStream(join(tmp, 'documents.jsonl'));
    const byType: Record<string, number> = {};
    let total = 0;
    let bytes = 0;
    try {
      for (let skip = 0; ; skip += PAGE) {
        checkAborted(ctx.signal);
        const page = await documentPage(terminus, { commit }, skip, PAGE);
        for (const doc of page) {
          const line = `${JSON.stringify(doc)}\n`;
          hash.update(line);
          bytes += Buffer.byteLength(line);
          if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
          const type = String(doc['@type'] ?? '');
          byType[type] = (byType[type] ?? 0) + 1;
          total++;
        }
        ctx.progress({ done: total, total: null });
        if (page.length < PAGE) break;
      }
      out.end();
      await finished(out);
      const manifest: SnapshotManifest = {
        version: 1,
        db,
        branch,
        commit,
        createdAt: new Date(ctx.deps.now()).toISOString(),
        file: 'documents.jsonl',
        counts: { total, byType },
        checksum: `sha256:${hash.digest('hex')}`,
        bytes,
      };
      await writeFile(join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      await rm(folder, { recursive: true, force: true });
      await rename(tmp, folder);
      ctx.progress({ done: total, total });
      return { folder, ...manifest, reused: false };
    } catch (err) {
      out.destroy();
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
  },
};
