import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

const MAGIC = /[*?[{]/;
const SKIP = new Set(['node_modules', '.git', '.data']);

/** A glob (`*`, `?`, `**`) as a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** The files (sorted, relative to `root`, `/`-separated) that match any of `globs`; `node_modules`, `.git` and `.data` are skipped. */
export async function globFiles(root: string, globs: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const glob of globs) {
    const absolute = resolve(root, glob).split(sep).join('/');
    const segments = absolute.split('/');
    const firstMagic = segments.findIndex((s) => MAGIC.test(s));
    if (firstMagic === -1) {
      found.add(absolute);
      continue;
    }
    const base = segments.slice(0, firstMagic).join('/') || '/';
    const pattern = globToRegExp(absolute);
    for (const file of await walk(base)) if (pattern.test(file)) found.add(file);
  }
  return [...found].filter((f) => existsSync(f)).map((f) => relative(root, f).split(sep).join('/')).sort();
}

async function walk(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name).split(sep).join('/');
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) out.push(...(await walk(path)));
    } else if (e.isFile()) out.push(path);
  }
  return out;
}
