/**
 * A kernel with the ontology and the demo seed, for the audit tests: writes go through the official
 * client (as another service or a direct TerminusDB user would make them).
 */
import { randomBytes } from 'node:crypto';
import { WOQLClient } from 'terminusdb';
import { startKernel, type RunningKernel } from '../../kernel/index.js';
import { IDENTITY_HEADER, signIdentity, Terminus } from '../../lib/index.js';
import { demoSeed, pushOntology } from '../../ontology/index.js';

export interface AuditHarness extends AsyncDisposable {
  readonly kernel: RunningKernel;
  readonly db: string;
  readonly terminus: Terminus;
  /** A fresh admin client of the test database. */
  client(branch?: string): WOQLClient;
  /** Creates or replaces a Tag on `branch`; returns the new head commit id. */
  writeTag(name: string, options?: { branch?: string; message?: string; color?: string }): Promise<string>;
  /** Deletes a document on `branch`; returns the new head. */
  deleteDoc(id: string, branch?: string): Promise<string>;
  /** Head commit of a branch (supergraph name). */
  head(branch?: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts a kernel (in-process, or at `url` when given) with a fresh database holding the ontology and the demo seed. */
export async function startAuditDb(options: { url?: string; seed?: boolean } = {}): Promise<AuditHarness> {
  const kernel = options.url === undefined ? await startKernel({ port: 0, onError: (e) => console.error(e) }) : undefined;
  const url = options.url ?? kernel?.url ?? '';
  const db = `audit_${randomBytes(4).toString('hex')}`;
  const admin = new WOQLClient(url, { user: 'admin', organization: 'admin', key: 'root' });
  await admin.createDatabase(db, { label: db, comment: '', schema: true });
  admin.db(db);
  await pushOntology(admin, { branch: 'main', message: 'ontology' });
  if (options.seed !== false) await admin.addDocument([...demoSeed()], {}, db, 'seed');
  const terminus = new Terminus({ url, user: 'admin', key: 'root', organization: 'admin', db });
  const client = (branch = 'main'): WOQLClient => terminus.client({ author: 'tester@test', branch: branch.replaceAll('/', '~') });
  const head = async (branch = 'main'): Promise<string> => {
    const r = (await client().sendCustomRequest('GET', `${url}/api/log/admin/${db}/local/branch/${branch.replaceAll('/', '~')}?count=1`)) as { identifier: string }[];
    return r[0]?.identifier ?? '';
  };
  const close = async (): Promise<void> => {
    await kernel?.close();
  };
  return {
    kernel: kernel as RunningKernel,
    db,
    terminus,
    client,
    async writeTag(name, o = {}) {
      const branch = o.branch ?? 'main';
      const c = client(branch);
      await c.updateDocument({ '@type': 'Tag', '@id': `Tag/${name}`, name, color: o.color ?? '#000000' }, { create: true }, db, o.message ?? `[test] tag ${name}\n\nTrace-Id: ${'ab'.repeat(16)}\nUser-Sid: tester`);
      return head(branch);
    },
    async deleteDoc(id, branch = 'main') {
      await client(branch).deleteDocument({ id }, db, `[test] delete ${id}`);
      return head(branch);
    },
    head,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Headers with a valid router identity. */
export function signedHeaders(key: string, sub = 'tester'): Record<string, string> {
  return { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity({ sub, scopes: [] }, key) };
}
