import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSchemaDir } from '../loadSchemaDir.js';

describe('loadSchemaDir', () => {
  const dirs: string[] = [];
  const dir = (files: Record<string, string>): string => {
    const d = mkdtempSync(join(tmpdir(), 'ontology-'));
    dirs.push(d);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(d, name), content);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('reads files in name order, arrays as several documents, with paths relative to the root', () => {
    const d = dir({ 'b.json': '[{"@id":"B1"},{"@id":"B2"}]', 'a.json': '{"@type":"@context"}', 'notes.txt': 'x' });
    expect(loadSchemaDir(d, d)).toEqual([
      { file: 'a.json', document: { '@type': '@context' } },
      { file: 'b.json', document: { '@id': 'B1' } },
      { file: 'b.json', document: { '@id': 'B2' } },
    ]);
  });

  it('names the file that is not valid JSON', () => {
    const d = dir({ 'bad.json': '[{"@id": }]' });
    expect(() => loadSchemaDir(d, d)).toThrow(/^bad\.json: invalid JSON/);
  });
});
