import type { Consumers } from './generateConsumers.js';
import type { Directory } from './generateDirectory.js';
import type { Lineage } from './generateLineage.js';
import { lexicalId } from './ids.js';
import type { SeedBuilder, SeedDocument } from './SeedBuilder.js';
import { incidentText, noteText } from './texts.js';

/** How many operational documents to generate. */
export interface OperationCounts {
  readonly runs: number;
  readonly incidents: number;
  /** Notes fill up to this many documents in total. */
  readonly total: number;
  readonly grants: number;
}

/** Generates pipeline runs, incidents about assets, notes about assets and incidents, and access grants. */
export function generateOperations(b: SeedBuilder, dir: Directory, lineage: Lineage, consumers: Consumers, n: OperationCounts): void {
  const r = b.random;
  const people = dir.people;
  for (let i = 0; i < n.runs; i++) {
    const pipeline = r.pick(lineage.pipelines);
    const start = r.int(0, 220 * 24 * 60);
    const state = r.pick(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed', 'cancelled', 'running']);
    const duration = r.int(40, 5400);
    const trigger = (pipeline.doc['trigger'] as Record<string, unknown>)['manual'] !== undefined;
    b.add({
      '@type': 'PipelineRun', '@id': `PipelineRun/${r.token(16)}`, pipeline: pipeline.id, state, startedAt: b.at(start),
      ...(state !== 'running' ? { finishedAt: b.at(start + duration / 60), durationSeconds: duration + r.next() } : {}),
      ...(state === 'succeeded' ? { rowsWritten: r.int(1_000, 20_000_000) } : {}),
      ...(trigger ? { triggeredBy: r.pick(people).id } : {}),
      ...(state === 'failed' ? { errorMessage: r.pick(['AnalysisException: cannot resolve column `amount_eur`', 'Timeout waiting for upstream partition', 'OutOfMemoryError: Java heap space in stage 14', 'Permission denied reading source bucket']) } : {}),
    });
  }
  const first = new Map<string, SeedDocument>();
  const index = (key: string, doc: SeedDocument): void => void (first.has(key) || first.set(key, doc));
  for (const t of lineage.transforms) {
    for (const id of t.outputs) index(`producer ${id}`, t.doc);
    for (const id of t.inputs) index(`consumer ${id}`, t.doc);
  }
  for (const d of consumers.dashboards) for (const id of d.doc['sources'] as string[]) index(`dashboard ${id}`, d.doc);
  for (const m of consumers.models) for (const id of m.doc['trainingData'] as string[]) index(`model ${id}`, m.doc);
  const incidents = Array.from({ length: n.incidents }, (_, i) => {
    const dataset = r.pick(lineage.datasets);
    const transform = first.get(`producer ${dataset.id}`) ?? first.get(`consumer ${dataset.id}`) ?? r.pick(lineage.transforms).doc;
    const downstream = first.get(`dashboard ${dataset.id}`) ?? first.get(`model ${dataset.id}`);
    const text = incidentText(r, { dataset: dataset.doc, transform, downstream });
    const status = r.pick(['open', 'investigating', 'mitigated', 'resolved', 'resolved', 'resolved']);
    const opened = r.int(0, 210 * 24 * 60);
    const code = `INC-${1001 + i}`;
    const team = dir.teams[dir.projects[dataset.project]?.team ?? 0];
    return b.add({
      '@type': 'Incident', '@id': lexicalId('Incident', [code]), code, title: text.title, summary: text.summary,
      severity: text.severity, status, openedAt: b.at(opened),
      ...(status === 'resolved' ? { resolvedAt: b.at(opened + r.int(30, 4 * 24 * 60)) } : {}),
      affects: [...new Set([dataset.id, ...(downstream?.['@id'] !== undefined ? [downstream['@id']] : [])])].sort(),
      reporter: r.pick(people).id,
      ...(status !== 'open' ? { assignee: (team !== undefined && team.members.length > 0 ? r.pick(team.members) : r.pick(people)).id } : {}),
      ...(status === 'mitigated' || status === 'resolved' ? { rootCause: text.rootCause } : {}),
    });
  });
  const sensitive = lineage.datasets.filter((d) => d.doc['sensitivity'] === 'restricted' || d.doc['sensitivity'] === 'confidential');
  const pairs = new Set<string>();
  for (let i = 0; i < n.grants && sensitive.length > 0; i++) {
    const asset = r.pick(sensitive);
    let person = r.pick(people);
    for (let tries = 0; pairs.has(`${person.id} ${asset.id}`) && tries < 20; tries++) person = r.pick(people);
    if (pairs.has(`${person.id} ${asset.id}`)) continue;
    pairs.add(`${person.id} ${asset.id}`);
    const granted = r.int(0, 200 * 24 * 60);
    b.add({
      '@type': 'AccessGrant', person: person.id, asset: asset.id, level: r.pick(['viewer', 'viewer', 'viewer', 'editor', 'owner']),
      grantedBy: r.pick(people).id, grantedAt: b.at(granted),
      ...(r.chance(0.5) ? { expiresAt: b.at(granted + 90 * 24 * 60) } : {}),
      justification: r.pick(['Quarterly regulatory report', 'Investigating a customer complaint', 'Training the churn model', 'Reconciling the ledger with the card processor', 'On-call support for the pipeline']),
    });
  }
  const assets = [...lineage.datasets, ...lineage.transforms, ...lineage.pipelines, ...consumers.models, ...consumers.dashboards];
  while (b.documents.length < n.total) {
    const onIncident = incidents.length > 0 && r.chance(0.3);
    const subject = onIncident ? r.pick(incidents) : r.pick(assets);
    b.add({
      '@type': 'Note', '@id': `Note/${r.token(16)}`, author: r.pick(people).id,
      body: noteText(r, subject.doc, onIncident), createdAt: b.within(220), pinned: r.chance(0.1),
      ...(onIncident ? { incident: subject.id } : { asset: subject.id }),
    });
  }
}
