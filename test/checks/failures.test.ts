import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../checks/index.js';
import { checkWorkspace, setProperty } from './harness.js';

describe('check: failures (exit 2)', () => {
  it('reports a composition failure with subgraph, type and field', async () => {
    using ws = checkWorkspace();
    const { code, stdout } = await ws.check(['--json', '--config', 'supergraph-conflict.yaml']);
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.status).toBe('failed');
    expect(report.ontology.ok).toBe(true);
    expect(report.composition?.ok).toBe(false);
    expect(report.composition?.problems).toContainEqual(expect.objectContaining({ type: 'Project', field: 'name' }));
    expect(report.composition?.problems).toContainEqual(expect.objectContaining({ code: 'FIELD_TYPE_MISMATCH', subgraph: 'core', type: 'Project', field: 'name' }));
    expect(report.composition?.problems[0]?.message).toContain('subgraph "reviews"');
    const human = await ws.check(['--config', 'supergraph-conflict.yaml']);
    expect(human.stdout).toMatch(/✗ composition failed with \d+ error\(s\)/);
    expect(human.stdout).toContain('(subgraph core, type Project, field name, core.graphql:');
    expect(human.stdout).toContain('✗ exit 2 — composition failed');
  });

  it('reports an ontology error with file, document and property', async () => {
    using ws = checkWorkspace();
    ws.editOntology((docs) => setProperty(docs, 'Dataset', 'owner', 'Person'));
    const { code, stdout } = await ws.check(['--json']);
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.ontology.ok).toBe(false);
    expect(report.composition).toBeNull();
    expect(report.ontology.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'UNKNOWN_RANGE', file: 'ontology/schema/catalog.json', document: 'Dataset', property: 'owner' }),
    );
    const human = await ws.check();
    expect(human.stdout).toContain('✗ ontology: 1 error(s)');
    expect(human.stdout).toContain('[UNKNOWN_RANGE] ontology/schema/catalog.json: Dataset.owner');
  });

  it('reports invalid JSON in a schema file as an ontology failure', async () => {
    using ws = checkWorkspace();
    writeFileSync(join(ws.root, 'ontology', 'schema', 'broken.json'), '{ "@type": ');
    const { code, stdout } = await ws.check();
    expect(code).toBe(2);
    expect(stdout).toContain('broken.json: invalid JSON');
  });

  it('exits 2 when the baseline cannot be read', async () => {
    using ws = checkWorkspace();
    const { code, stdout } = await ws.check(['--against', 'no-such-file-or-ref']);
    expect(code).toBe(2);
    expect(stdout).toContain('--against no-such-file-or-ref: not a file, and git cannot read supergraph.graphql');
  });

  it('exits 2 on an unknown option, with the usage', async () => {
    using ws = checkWorkspace();
    const { code, stderr } = await ws.check(['--nope']);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run check');
  });
});
