import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SourceDocument } from './parse/parseSchema.js';

/**
 * Reads every `*.json` file of a folder (sorted by name): a file holds one schema document or an array of
 * them. `file` in the result is relative to `root`, with `/` separators. Invalid JSON throws with the file name.
 */
export function loadSchemaDir(dir: string, root: string): SourceDocument[] {
  const out: SourceDocument[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const path = join(dir, name);
    const file = relative(root, path).split(sep).join('/');
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: invalid JSON: ${(error as Error).message}`, { cause: error });
    }
    for (const document of Array.isArray(value) ? value : [value]) out.push({ file, document });
  }
  return out;
}
