import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { WOQLClient } from 'terminusdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../checks/index.js';
import { startKernel, type RunningKernel } from '../../kernel/index.js';
import type { TerminusSettings } from '../../lib/index.js';
import { pushOntology } from '../../ontology/index.js';
import { checkWorkspace, setProperty, type CheckWorkspace } from './harness.js';

let kernel: RunningKernel;

beforeAll(async () => {
  kernel = await startKernel({ port: 0, onError: (e) => console.error(e) });
});

afterAll(async () => {
  await kernel.close();
});

/** A database on the kernel with the workspace's (unchanged) fixture ontology and three documents, seeded through the official client. */
async function seededDatabase(ws: CheckWorkspace): Promise<{ client: WOQLClient; settings: TerminusSettings }> {
  const db = `checks_${randomBytes(4).toString('hex')}`;
  const client = new WOQLClient(kernel.url, { user: 'admin', organization: 'admin', key: 'root' });
  await client.createDatabase(db, { label: db, comment: 'check --simulate', schema: true });
  client.db(db);
  await pushOntology(client, { branch: 'main', message: 'fixture ontology', schemaDir: join(ws.root, 'ontology', 'schema') });
  await client.addDocument(
    [
      { '@type': 'Project', slug: 'alpha', name: 'Alpha' },
      { '@type': 'Project', slug: 'beta', name: 'Beta', budget: 10 },
      { '@type': 'Dataset', path: 'lake.orders', title: 'Orders', status: 'active', project: 'Project/alpha' },
    ],
    {},
    db,
    'seed',
  );
  return { client, settings: { url: kernel.url, user: 'admin', key: 'root', organization: 'admin', db } };
}

describe('check --simulate', () => {
  it('reports the documents a new required property would invalidate, and deletes the branch', async () => {
    using ws = checkWorkspace();
    const { client, settings } = await seededDatabase(ws);
    ws.editOntology((docs) => setProperty(docs, 'Project', 'owner', 'xsd:string'));
    const { code, stdout } = await ws.check(['--json', '--simulate'], { terminus: settings });
    const report = JSON.parse(stdout) as CheckReport;
    expect(code).toBe(2);
    expect(report.simulation).toMatchObject({ status: 'invalid', branchDeleted: true });
    expect(report.simulation?.branch).toMatch(/^check-[0-9a-f]{8}$/);
    expect(report.simulation?.invalidDocuments.map((d) => d.id)).toEqual(['Project/alpha', 'Project/beta']);
    expect(report.simulation?.invalidDocuments[0]?.witnesses[0]).toMatchObject({ '@type': 'instance_not_cardinality_one', predicate: 'terminusdb:///schema#owner' });
    expect(Object.keys(await client.getBranches(settings.db))).toEqual(['main']);

    const human = await ws.check(['--simulate'], { terminus: settings });
    expect(human.stdout).toMatch(/✗ simulation: 2 document\(s\) would become invalid \(branch check-[0-9a-f]{8}, deleted\)/);
    expect(human.stdout).toContain('Project/alpha: instance_not_cardinality_one (owner)');
    expect(human.stdout).toContain('✗ exit 2 — instance data would become invalid');
    expect(Object.keys(await client.getBranches(settings.db))).toEqual(['main']);
  });

  it('reports ok when every document fits the new ontology', async () => {
    using ws = checkWorkspace();
    const { client, settings } = await seededDatabase(ws);
    ws.editOntology((docs) => setProperty(docs, 'Project', 'owner', { '@type': 'Optional', '@class': 'xsd:string' }));
    const { code, stdout } = await ws.check(['--json', '--simulate'], { terminus: settings });
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.simulation).toMatchObject({ status: 'ok', invalidDocuments: [], branchDeleted: true });
    expect(code).toBe(0);
    expect(Object.keys(await client.getBranches(settings.db))).toEqual(['main']);
  });

  it('fails (exit 2) with the reason when TerminusDB cannot be reached', async () => {
    using ws = checkWorkspace();
    const { code, stdout } = await ws.check(['--json', '--simulate'], { terminus: { url: 'http://127.0.0.1:1', user: 'admin', key: 'root', organization: 'admin', db: 'nope' } });
    const report = JSON.parse(stdout) as CheckReport;
    expect(code).toBe(2);
    expect(report.simulation).toMatchObject({ status: 'error', branchDeleted: true });
    expect(report.simulation?.error).toBeTruthy();
  });
});
