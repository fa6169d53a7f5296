import { openStore } from './index.js';
const CONTEXT = { '@type': '@context' };
const store = openStore({});
const db = store.createDatabase({ org: 'b', name: 'b', label: '', comment: '', public: false, schemaless: true, context: CONTEXT });
function person(i: number) {
  const id = `Person/${(i * 2654435761 % 4294967296).toString(16).padStart(8, '0')}-${i}`;
  const friends = [1, 2, 3].map((k) => `Person/${k}-${i}`);
  return { graph: 'instance' as const, id, doc: { '@id': id, '@type': 'Person', name: `P ${i}`, friends, address: { '@id': id + '/a', '@type': 'Address', city: 'x' } }, type: 'Person', links: friends.map((target) => ({ prop: 'friends', target })) };
}
const t0 = performance.now();
for (let k = 0; k < 20; k++) store.commit(db, 'main', { author: 'a', message: 'm', user: 'u', changes: Array.from({ length: 5000 }, (_, i) => person(k * 5000 + i)) });
console.log('100k in', performance.now() - t0);
