import { openStore } from './index.js';
import { mkdtempSync } from 'node:fs';
const dir = mkdtempSync('/tmp/b3-');
const path = dir + '/x.sqlite';
{
  const store = openStore({ path });
  const db = store.createDatabase({ org: 'b', name: 'b', label: '', comment: '', public: false, schemaless: true, context: { '@type': '@context' } });
  store.commit(db, 'main', { author: 'a', message: 'm', user: 'u', changes: Array.from({ length: 10000 }, (_, i) => ({ graph: 'instance' as const, id: `T/${i}`, doc: { '@id': `T/${i}`, '@type': 'T', pad: 'x'.repeat(300) }, type: 'T', links: [{ prop: 'p', target: `T/${i + 1}` }] })) });
  for (let i = 0; i < 5000; i++) store.commit(db, 'main', { author: 'a', message: 'm', user: 'u', changes: [{ graph: 'instance' as const, id: `T/${(i * 7919) % 10000}`, doc: { '@id': 'x', v: i }, type: 'T', links: [{ prop: 'p', target: `T/${i}` }] }] });
  (store as unknown as { close(): void }).close();
}
const t = performance.now();
const store = openStore({ path });
const db = store.getDatabase('b', 'b')!;
const t1 = performance.now();
store.snapshot(db, store.branches(db).get('main')!);
console.log('open', (t1 - t).toFixed(1), 'replay', (performance.now() - t1).toFixed(1));
