import { describe, expect, it } from 'vitest';
import { testDb } from './harness.js';

const SCHEMA = [{ '@id': 'Item', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['n'] }, n: 'xsd:integer', tag: { '@type': 'Optional', '@class': 'xsd:string' } }];

describe('GraphQL derived indexes', () => {
  it('answers indexed queries consistently at every commit', async () => {
    const t = testDb(SCHEMA, Array.from({ length: 20 }, (_, i) => ({ '@type': 'Item', n: i, tag: i % 2 === 0 ? 'even' : 'odd' })));
    const commits = [t.head()];
    for (let i = 20; i < 30; i++) {
      commits.push(t.write([{ kind: 'insert', graph: 'instance', docs: [{ '@type': 'Item', n: i, tag: 'late' }] }]));
      commits.push(t.write([{ kind: 'replace', graph: 'instance', docs: [{ '@id': `Item/${i - 20}`, '@type': 'Item', n: i - 20, tag: 'changed' }] }]));
    }
    const query = 'query { Item(filter: {tag: {eq: "changed"}}) { n } top: Item(orderBy: {n: DESC}, limit: 2) { n } _count(Item: {}) }';
    // head first, then older commits (derived from the head's indexes), then again in order
    const order = [...commits].reverse();
    for (const c of [...order, ...commits]) {
      const index = commits.indexOf(c);
      const r = await t.gql(query, {}, { commit: c });
      const changed = Math.floor(index / 2);
      const inserted = Math.ceil(index / 2);
      expect(r.data.Item).toEqual(Array.from({ length: changed }, (_, i) => ({ n: i })));
      expect(r.data.top).toEqual([{ n: 19 + inserted }, { n: 18 + inserted }]);
      expect(r.data._count).toBe(20 + inserted);
    }
  });

  it('keeps missing values first in ascending order and ties in document order', async () => {
    const t = testDb(SCHEMA, [{ '@type': 'Item', n: 3, tag: 'b' }, { '@type': 'Item', n: 1 }, { '@type': 'Item', n: 2, tag: 'a' }, { '@type': 'Item', n: 4, tag: 'a' }]);
    const r = await t.gql('query { asc: Item(orderBy: {tag: ASC}, limit: 3) { n } desc: Item(orderBy: {tag: DESC}) { n } }');
    expect(r.data.asc).toEqual([{ n: 1 }, { n: 2 }, { n: 4 }]);
    expect(r.data.desc).toEqual([{ n: 3 }, { n: 2 }, { n: 4 }, { n: 1 }]);
  });
});
