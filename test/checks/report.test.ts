import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChecks, type CheckReport } from '../../checks/index.js';
import { checkWorkspace, composeFixture, removeProperty } from './harness.js';

describe('check: --json and --against', () => {
  it('prints the whole report as JSON with a stable shape', async () => {
    using ws = checkWorkspace();
    ws.editOntology((docs) => removeProperty(docs, 'Project', 'budget'));
    const { code, stdout } = await ws.check(['--json']);
    const report = JSON.parse(stdout) as CheckReport;
    expect(code).toBe(1);
    expect(Object.keys(report).sort()).toEqual(['baseline', 'changes', 'composition', 'exitCode', 'ontology', 'operations', 'status', 'strict', 'summary', 'version']);
    expect(report).toMatchObject({
      version: 1,
      status: 'breaking',
      exitCode: 1,
      strict: false,
      baseline: { kind: 'file', ref: 'supergraph.graphql' },
      ontology: { ok: true, diagnostics: [] },
      composition: { ok: true, problems: [] },
      operations: { checked: 4, warnings: [] },
      summary: { breakingInUse: 1, brokenOperations: 1 },
    });
    for (const change of report.changes) {
      expect(Object.keys(change).sort()).toEqual(['level', 'message', 'operations', 'path', 'reason', 'type']);
      expect(['breaking', 'dangerous', 'safe']).toContain(change.level);
    }
    const used = report.changes.find((c) => c.operations.length > 0);
    expect(used?.operations[0]).toEqual({
      name: 'ProjectBudget',
      type: 'query',
      usage: 'uses',
      clients: {},
      requests: 0,
      sources: [{ kind: 'file', file: 'operations/projects.graphql' }],
    });
  });

  it('reports operations that do not validate against the baseline as warnings', async () => {
    using ws = checkWorkspace();
    writeFileSync(join(ws.root, 'operations', 'stale.graphql'), 'query Stale { project(id: "p") { gone } }\n');
    const { code, stdout } = await ws.check(['--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as CheckReport).operations.warnings).toEqual([
      { operation: 'Stale', source: 'operations/stale.graphql', message: 'Cannot query field "gone" on type "Project".' },
    ]);
  });

  it('compares with the supergraph of a git ref (--against HEAD), not the working file', async () => {
    using ws = checkWorkspace();
    ws.git('init', '-q');
    ws.git('add', 'supergraph.graphql');
    ws.git('commit', '-q', '-m', 'baseline');
    // The working-tree file now already lacks the field; HEAD still has it.
    ws.editOntology((docs) => removeProperty(docs, 'Project', 'budget'));
    writeFileSync(join(ws.root, 'supergraph.graphql'), composeFixture(ws.root));
    const fromFile = JSON.parse((await ws.check(['--json'])).stdout) as CheckReport;
    expect(fromFile.changes).toEqual([]);
    const { code, stdout } = await ws.check(['--json', '--against', 'HEAD']);
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.baseline).toEqual({ kind: 'git', ref: 'HEAD' });
    expect(report.changes).toContainEqual(expect.objectContaining({ type: 'FIELD_REMOVED', path: 'Project.budget', level: 'breaking' }));
    expect(code).toBe(1);
    expect((await ws.check(['--against', 'HEAD'])).stdout).toContain('schema changes against git HEAD:');
  });

  it('checks this repository against its own HEAD', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const report = await runChecks({ root, against: 'HEAD', recorded: 'none.json' });
    expect(report.baseline).toEqual({ kind: 'git', ref: 'HEAD' });
    expect(report.ontology.ok).toBe(true);
    expect(report.composition?.ok).toBe(true);
    expect(report.operations.checked).toBeGreaterThan(0);
  });

  it('accepts a baseline file (--against <file>)', async () => {
    using ws = checkWorkspace();
    ws.editOntology((docs) => removeProperty(docs, 'Project', 'budget'));
    writeFileSync(join(ws.root, 'new.graphql'), composeFixture(ws.root));
    const { code, stdout } = await ws.check(['--json', '--against', 'new.graphql']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as CheckReport).baseline).toEqual({ kind: 'file', ref: 'new.graphql' });
  });
});
