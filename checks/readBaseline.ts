import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { ResolvedCheckOptions } from './CheckOptions.js';

const run = promisify(execFile);

/** The supergraph the working tree is compared with. */
export interface Baseline {
  readonly kind: 'file' | 'git';
  /** The file path or the git ref. */
  readonly ref: string;
  readonly sdl: string;
}

/** The baseline could not be read (bad file or git ref). */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/**
 * Reads the baseline supergraph: `against` as a file when one exists at that path, otherwise as a git ref
 * (`git show <ref>:./<supergraphFile>` in `root`); without `against`, the committed `supergraphFile`.
 */
export async function readBaseline(options: ResolvedCheckOptions): Promise<Baseline> {
  const against = options.against ?? options.supergraphFile;
  const file = resolve(options.root, against);
  if (existsSync(file)) return { kind: 'file', ref: against, sdl: await readFile(file, 'utf8') };
  if (options.against === undefined) throw new BaselineError(`${against} does not exist: run npm run compose, or pass --against <file|git ref>`);
  if (against.startsWith('-') || /\s/.test(against)) throw new BaselineError(`--against ${against}: not a file nor a git ref`);
  try {
    const { stdout } = await run('git', ['show', `${against}:./${options.supergraphFile}`], { cwd: options.root, maxBuffer: 64 * 1024 * 1024 });
    return { kind: 'git', ref: against, sdl: stdout };
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? (err as Error).message).trim();
    throw new BaselineError(`--against ${against}: not a file, and git cannot read ${options.supergraphFile} at that ref (${stderr.split('\n')[0]})`);
  }
}
