import { describe, expect, it } from 'vitest';
import { loadSchemaDir } from '../../compiler/loadSchemaDir.js';
import { parseSchema } from '../../compiler/parse/parseSchema.js';
import { REPO_ROOT, SCHEMA_DIR } from '../../paths.js';
import { checkDocuments } from '../checkDocuments.js';
import { demoSeed } from '../demoSeed.js';
import { generateSeed, MIN_SEED_DOCUMENTS } from '../generateSeed.js';
import type { SeedDocument } from '../SeedBuilder.js';

const { model } = parseSchema(loadSchemaDir(SCHEMA_DIR, REPO_ROOT));

function countByType(docs: readonly SeedDocument[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of docs) counts[d['@type']] = (counts[d['@type']] ?? 0) + 1;
  return counts;
}

/** Number of weakly connected components of the dataset/transform lineage graph. */
function lineageComponents(docs: readonly SeedDocument[]): number {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string): void => void parent.set(find(a), find(b));
  for (const d of docs) if (d['@type'] === 'Dataset' || d['@type'] === 'Transform') parent.set(d['@id'] ?? '', d['@id'] ?? '');
  for (const t of docs.filter((d) => d['@type'] === 'Transform')) {
    for (const id of [...(t['inputs'] as string[]), ...(t['outputs'] as string[])]) union(t['@id'] ?? '', id);
  }
  return new Set([...parent.keys()].map(find)).size;
}

describe('demoSeed', () => {
  const docs = demoSeed();

  it('has a few hundred documents of every concrete document class', () => {
    expect(docs.length).toBe(400);
    expect(Object.keys(countByType(docs)).sort()).toEqual([
      'AccessGrant', 'Dashboard', 'Dataset', 'Incident', 'Model', 'Note', 'Organisation', 'Person', 'Pipeline', 'PipelineRun',
      'Project', 'Tag', 'Team', 'Transform',
    ]);
  });

  it('references only existing ids and matches the schema (required fields, ranges, keys, @oneOf)', () => {
    expect(checkDocuments(model, docs)).toEqual([]);
  });

  it('has one connected lineage graph', () => {
    expect(lineageComponents(docs)).toBe(1);
  });

  it('writes incidents and notes with meaningful text', () => {
    const incident = docs.find((d) => d['@type'] === 'Incident' && d['rootCause'] !== undefined);
    expect(String(incident?.['summary']).length).toBeGreaterThan(80);
    expect(String(incident?.['rootCause']).length).toBeGreaterThan(40);
    expect(docs.filter((d) => d['@type'] === 'Note').every((d) => String(d['body']).length > 40)).toBe(true);
  });
});

describe('generateSeed', () => {
  it('produces exactly n valid documents, the same for the same seed', () => {
    for (const n of [MIN_SEED_DOCUMENTS, 250, 2000]) {
      const docs = generateSeed({ n, seed: 42 });
      expect(docs.length).toBe(n);
      expect(checkDocuments(model, docs)).toEqual([]);
      expect(lineageComponents(docs)).toBe(1);
    }
    expect(generateSeed({ n: 300, seed: 7 })).toEqual(generateSeed({ n: 300, seed: 7 }));
    expect(generateSeed({ n: 300, seed: 7 })).not.toEqual(generateSeed({ n: 300, seed: 8 }));
  });

  it('rejects n below the minimum', () => {
    expect(() => generateSeed({ n: 10 })).toThrow(RangeError);
  });
});

describe('checkDocuments', () => {
  it('reports dangling links, missing required fields, bad enum values and wrong ids', () => {
    const docs: SeedDocument[] = [
      { '@type': 'Tag', '@id': 'Tag/x', name: 'y' },
      { '@type': 'Team', '@id': 'Team/a', slug: 'a', name: 'A', organisation: 'Organisation/missing' },
      { '@type': 'Project', '@id': 'Project/p', slug: 'p', organisation: 'Team/a', sensitivity: 'secret' },
    ];
    expect(checkDocuments(model, docs)).toEqual([
      'documents[0] (Tag/x): @id should be Tag/y',
      'documents[1] (Team/a).organisation: links to "Organisation/missing", which is not in the seed',
      'documents[2] (Project/p).name: required property is missing',
      'documents[2] (Project/p).organisation: links to a Team, expected a Organisation',
      'documents[2] (Project/p).sensitivity: "secret" is not a value of Sensitivity',
    ]);
  });
});
