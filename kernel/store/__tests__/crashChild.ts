/**
 * Child process of the crash test: commits in a loop on `admin/crash` (three documents per commit,
 * all carrying the same counter) and prints each acknowledged commit id, until killed.
 */
import { openStore } from '../index.js';
import { CONTEXT, put, USER } from './helpers.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: crashChild <sqlite path>');
const store = openStore({ path });
const db =
  store.getDatabase('admin', 'crash') ??
  store.createDatabase({ org: 'admin', name: 'crash', label: '', comment: '', public: false, schemaless: true, context: CONTEXT });
for (let i = 0; ; i++) {
  const changes = ['A', 'B', 'C'].map((t) => put(`${t}/x`, { i, pad: 'x'.repeat(i % 200) }));
  changes.push(put(`N/${i}`, { i }));
  const { commit } = store.commit(db, 'main', { author: 'crash', message: `${i}`, user: USER, changes });
  process.stdout.write(`${commit.id}\n`);
}
