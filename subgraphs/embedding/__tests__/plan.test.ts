import { describe, expect, it } from 'vitest';
import { planSync } from '../engine/syncPlan.js';
import { contentHash, documentText, embedPlan, mayRead } from '../plan/EmbedPlan.js';
import { VectorIndex } from '../vectors/VectorIndex.js';

const manifest = {
  types: {
    Asset: { kind: 'interface', class: 'Asset', abstract: true, embed: ['description', 'name'] },
    Dataset: { kind: 'entity', class: 'Dataset', implements: ['Asset'], embed: ['description', 'name'] },
    Incident: { kind: 'entity', class: 'Incident', authenticated: true, embed: ['summary', 'title'] },
    Secret: { kind: 'entity', class: 'Secret', scopes: ['s:read'], embed: ['text'] },
    Tag: { kind: 'entity', class: 'Tag', embed: [] },
    Column: { kind: 'object', class: 'Column', subdocument: true, embed: ['name'] },
  },
};

describe('embedPlan', () => {
  it('takes concrete entities with embed fields, with their access rules', () => {
    const plan = embedPlan(manifest);
    expect([...plan.classes.keys()]).toEqual(['Dataset', 'Incident', 'Secret']);
    const incident = plan.classes.get('Incident');
    expect(incident).toMatchObject({ type: 'Incident', fields: ['summary', 'title'], authenticated: true });
    expect(mayRead(incident as NonNullable<typeof incident>, { sub: 'anonymous', scopes: [] })).toBe(false);
    expect(mayRead(incident as NonNullable<typeof incident>, { sub: 'a', scopes: [] })).toBe(true);
    const secret = plan.classes.get('Secret') as NonNullable<typeof incident>;
    expect(mayRead(secret, { sub: 'a', scopes: [] })).toBe(false);
    expect(mayRead(secret, { sub: 'a', scopes: ['s:read'] })).toBe(true);
  });

  it('builds the text from the fields (name first, empty ones left out) and hashes it', () => {
    const cls = embedPlan(manifest).classes.get('Dataset') as NonNullable<ReturnType<ReturnType<typeof embedPlan>['classes']['get']>>;
    expect(documentText(cls, { '@id': 'Dataset/a', '@type': 'Dataset', name: ' Sales ', description: 'Daily sales' })).toBe('Sales\nDaily sales');
    expect(documentText(cls, { '@id': 'Dataset/a', '@type': 'Dataset', name: 'Sales', description: '' })).toBe('Sales');
    expect(contentHash('a')).not.toBe(contentHash('b'));
    expect(contentHash('a')).toHaveLength(32);
  });
});

describe('planSync', () => {
  it('embeds new and changed documents, skips unchanged ones, removes gone and emptied ones', () => {
    const plan = embedPlan(manifest);
    const index = new VectorIndex(2);
    const unit = new Float32Array([1, 0]);
    const hash = contentHash('Same');
    index.upsert({ id: 'Dataset/same', type: 'Dataset', hash, model: 'm', commit: 'c' }, unit);
    index.upsert({ id: 'Dataset/changed', type: 'Dataset', hash: 'old', model: 'm', commit: 'c' }, unit);
    index.upsert({ id: 'Dataset/oldmodel', type: 'Dataset', hash, model: 'old', commit: 'c' }, unit);
    index.upsert({ id: 'Dataset/gone', type: 'Dataset', hash, model: 'm', commit: 'c' }, unit);
    index.upsert({ id: 'Dataset/emptied', type: 'Dataset', hash, model: 'm', commit: 'c' }, unit);
    const rec = (document: string) => ({ branch: 'main', document, type: 'Dataset', model: 'm', contentHash: hash, commit: 'c', dimensions: 2 });
    const records = new Map([['Dataset/same', rec('Dataset/same')]]);
    const doc = (id: string, name: string) => ({ '@id': id, '@type': 'Dataset', name });
    const docs = new Map<string, ReturnType<typeof doc> | undefined>([
      ['Dataset/same', doc('Dataset/same', 'Same')],
      ['Dataset/changed', doc('Dataset/changed', 'New text')],
      ['Dataset/oldmodel', doc('Dataset/oldmodel', 'Same')],
      ['Dataset/new', doc('Dataset/new', 'Brand new')],
      ['Dataset/gone', undefined],
      ['Dataset/emptied', doc('Dataset/emptied', '')],
      ['Tag/x', { '@id': 'Tag/x', '@type': 'Tag', name: 'x' }],
    ]);
    const result = planSync(docs, { plan, index, records, model: 'm' });
    expect(result.embed.map((t) => t.id).sort()).toEqual(['Dataset/changed', 'Dataset/new', 'Dataset/oldmodel']);
    expect(result.remove.sort()).toEqual(['Dataset/emptied', 'Dataset/gone']);
    expect(result.skipped).toBe(1);
    expect(result.recordOnly).toEqual([]);
    const forced = planSync(docs, { plan, index, records, model: 'm', force: true });
    expect(forced.embed).toHaveLength(4);
    // A current vector whose record is missing gets its record written, not a new vector.
    const noRecord = planSync(new Map([['Dataset/same', doc('Dataset/same', 'Same')]]), { plan, index, records: new Map(), model: 'm' });
    expect(noRecord.recordOnly.map((t) => t.id)).toEqual(['Dataset/same']);
  });
});
