import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../checks/index.js';
import { checkWorkspace, doc, removeProperty, setProperty } from './harness.js';

async function jsonReport(ws: ReturnType<typeof checkWorkspace>, args: readonly string[] = []): Promise<{ code: number; report: CheckReport }> {
  const { code, stdout } = await ws.check(['--json', ...args]);
  return { code, report: JSON.parse(stdout) as CheckReport };
}

describe('check: change classification and usage', () => {
  it('reports no changes and exits 0 for an unchanged ontology', async () => {
    using ws = checkWorkspace();
    const { code, stdout } = await ws.check();
    expect(code).toBe(0);
    expect(stdout).toContain('schema changes against supergraph.graphql: none');
    expect(stdout).toContain('4 client operation(s) checked');
  });

  it('classifies a new optional property as safe and exits 0', async () => {
    using ws = checkWorkspace();
    ws.editOntology((docs) => setProperty(docs, 'Project', 'website', { '@type': 'Optional', '@class': 'xsd:string' }));
    const { code, report } = await jsonReport(ws);
    expect(code).toBe(0);
    expect(report.summary).toMatchObject({ breaking: 0, dangerous: 0 });
    expect(report.changes).toContainEqual(expect.objectContaining({ level: 'safe', type: 'FIELD_ADDED', path: 'Project.website' }));
  });

  it('classifies a new enum value as dangerous, names the operations that read it, and exits 0', async () => {
    using ws = checkWorkspace();
    ws.editOntology((docs) => {
      const status = doc(docs, 'Status');
      (status['@value'] as string[]).push('deprecated');
    });
    const { code, report } = await jsonReport(ws);
    expect(code).toBe(0);
    const change = report.changes.find((c) => c.path === 'Status.DEPRECATED');
    expect(change).toMatchObject({ level: 'dangerous', type: 'ENUM_VALUE_ADDED' });
    expect(change?.operations.map((o) => o.name)).toEqual(['ActiveDatasets']);
  });

  it('passes a breaking change no operation uses (exit 0), and fails it with --strict (exit 1)', async () => {
    using ws = checkWorkspace();
    ws.editOntology((docs) => removeProperty(docs, 'Dataset', 'project'));
    const { code, report } = await jsonReport(ws);
    expect(code).toBe(0);
    const removed = report.changes.find((c) => c.type === 'FIELD_REMOVED' && c.path === 'Dataset.project');
    expect(removed).toMatchObject({ level: 'breaking', operations: [] });
    expect(report.summary.breakingInUse).toBe(0);
    const human = await ws.check();
    expect(human.stdout).toContain('used by no known client operation');
    expect(human.stdout).toMatch(/exit 0 — \d+ breaking change\(s\), none used/);
    expect((await ws.check(['--strict'])).code).toBe(1);
  });

  it('fails (exit 1) a breaking change an operation uses, naming the operation and its clients', async () => {
    using ws = checkWorkspace();
    ws.editOntology((docs) => removeProperty(docs, 'Dataset', 'title'));
    const { code, report } = await jsonReport(ws);
    expect(code).toBe(1);
    expect(report.status).toBe('breaking');
    const removed = report.changes.find((c) => c.type === 'FIELD_REMOVED' && c.path === 'Dataset.title');
    expect(removed?.operations).toEqual([
      expect.objectContaining({ name: 'DatasetTitles', usage: 'uses', clients: { analytics: 1204, web: 3 }, requests: 1207 }),
      expect.objectContaining({ name: 'ActiveDatasets', usage: 'uses', sources: [{ kind: 'file', file: 'operations/datasets.graphql' }] }),
    ]);
    expect(report.summary.brokenOperations).toBe(2);
    const { stdout } = await ws.check();
    expect(stdout).toContain("✗ breaking  Field 'title' was removed from object type 'Dataset' [Dataset.title]");
    expect(stdout).toContain('breaks 2 operation(s): DatasetTitles query (clients: analytics 1204×, web 3×), ActiveDatasets query (operations/datasets.graphql)');
    expect(stdout).toContain('✗ exit 1 — ');
  });

  it('reads operations from the persisted-documents manifest and from --operations globs', async () => {
    using ws = checkWorkspace();
    ws.editOntology((docs) => removeProperty(docs, 'Project', 'budget'));
    const all = await jsonReport(ws);
    const budget = all.report.changes.find((c) => c.path === 'Project.budget' && c.type === 'FIELD_REMOVED');
    expect(budget?.operations.map((o) => o.name)).toEqual(['ProjectBudget']);
    expect(all.code).toBe(1);
    const onlyDatasets = await jsonReport(ws, ['--operations', 'operations/data*.graphql', '--manifest', 'none.json', '--recorded', 'none.json']);
    expect(onlyDatasets.report.operations.checked).toBe(1);
    expect(onlyDatasets.code).toBe(0);
  });

  it('marks input changes reachable only through variables as may-use without failing', async () => {
    using ws = checkWorkspace();
    writeFileSync(join(ws.root, 'operations', 'filtered.graphql'), 'query Filtered($f: DatasetFilter) { datasets(filter: $f) { totalCount } }\n');
    ws.editOntology((docs) => {
      removeProperty(docs, 'Dataset', 'path');
      doc(docs, 'Dataset')['@key'] = { '@type': 'Random' };
    });
    const { code, report } = await jsonReport(ws);
    const filter = report.changes.find((c) => c.path === 'DatasetFilter.path');
    expect(filter?.operations).toEqual([expect.objectContaining({ name: 'Filtered', usage: 'may-use' })]);
    expect(code).toBe(0);
  });
});
