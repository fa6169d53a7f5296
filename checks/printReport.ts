import { formatCompositionProblem } from '../router/index.js';
import type { AffectedOperation, CheckReport, SchemaChange } from './CheckReport.js';
import { describeSource } from './operations/ClientOperation.js';

/** The report as JSON (`--json`, for CI): exactly {@link CheckReport}. */
export function printJson(report: CheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const MAX_SAFE = 10;

/** The report for terminals and CI logs: failures, then breaking, dangerous and safe changes, the simulation and the verdict. */
export function printHuman(report: CheckReport): string {
  const out: string[] = [];
  if (!report.ontology.ok) {
    out.push(`✗ ontology: ${report.ontology.diagnostics.length} error(s)`);
    for (const d of report.ontology.diagnostics) out.push(`  [${d.code}] ${d.message}`);
  }
  if (report.composition !== null && !report.composition.ok) {
    out.push(`✗ composition failed with ${report.composition.problems.length} error(s)`);
    for (const p of report.composition.problems) out.push(indent(formatCompositionProblem(p)));
  }
  if (report.error !== undefined) out.push(`✗ ${report.error}`);
  if (report.composition?.ok === true && report.error === undefined) {
    const s = report.summary;
    out.push(
      `schema changes against ${report.baseline.kind === 'git' ? `git ${report.baseline.ref}` : report.baseline.ref}: ` +
        (report.changes.length === 0 ? 'none' : `${s.breaking} breaking (${s.breakingInUse} in use), ${s.dangerous} dangerous, ${s.safe} safe`) +
        ` — ${report.operations.checked} client operation(s) checked`,
    );
    for (const c of report.changes.filter((c) => c.level !== 'safe')) out.push(...changeLines(c));
    const safe = report.changes.filter((c) => c.level === 'safe');
    for (const c of safe.slice(0, MAX_SAFE)) out.push(`  ✓ safe       ${c.message}`);
    if (safe.length > MAX_SAFE) out.push(`  ✓ … and ${safe.length - MAX_SAFE} more safe change(s) (--json lists all)`);
  }
  if (report.operations.warnings.length > 0) {
    out.push(`warning: ${report.operations.warnings.length} operation document(s) do not parse or validate against the baseline (usage is best effort):`);
    for (const w of report.operations.warnings.slice(0, 5)) out.push(`  ${w.operation} (${w.source}): ${w.message}`);
  }
  const sim = report.simulation;
  if (sim !== undefined) {
    if (sim.status === 'ok') out.push(`✓ simulation: TerminusDB accepts the ontology with all instance data (branch ${sim.branch}${sim.branchDeleted ? ', deleted' : ', NOT deleted'})`);
    else if (sim.status === 'invalid') {
      out.push(`✗ simulation: ${sim.invalidDocuments.length} document(s) would become invalid (branch ${sim.branch}${sim.branchDeleted ? ', deleted' : ', NOT deleted'})`);
      for (const d of sim.invalidDocuments) out.push(`  ${d.id}: ${d.witnesses.map(witnessText).join('; ')}`);
    }
    if (sim.error !== undefined) out.push(`✗ simulation: ${sim.error}`);
  }
  out.push(verdict(report));
  return `${out.join('\n')}\n`;
}

function changeLines(c: SchemaChange): string[] {
  const label = c.level === 'breaking' ? '✗ breaking  ' : '! dangerous ';
  const lines = [`  ${label}${c.message}${c.path !== null ? ` [${c.path}]` : ''}`];
  const uses = c.operations.filter((o) => o.usage === 'uses');
  const may = c.operations.filter((o) => o.usage === 'may-use');
  const verb = c.level === 'breaking' ? 'breaks' : 'affects';
  if (uses.length > 0) lines.push(`      ${verb} ${uses.length} operation(s): ${uses.map(operationText).join(', ')}`);
  if (may.length > 0) lines.push(`      may ${verb.replace(/s$/, '')} ${may.length} operation(s) through variable values: ${may.map(operationText).join(', ')}`);
  if (c.operations.length === 0 && c.level === 'breaking') lines.push('      used by no known client operation');
  return lines;
}

function operationText(o: AffectedOperation): string {
  const clients = Object.entries(o.clients)
    .sort((a, b) => b[1] - a[1])
    .map(([client, n]) => `${client} ${n}×`);
  const where = [...new Set(o.sources.filter((s) => s.kind !== 'recorded').map(describeSource))];
  const parts = [...(clients.length > 0 ? [`clients: ${clients.join(', ')}`] : []), ...where];
  return `${o.name ?? '(anonymous)'} ${o.type}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}`;
}

function witnessText(w: Record<string, unknown>): string {
  const type = typeof w['@type'] === 'string' ? w['@type'] : 'witness';
  const predicate = w['predicate'] ?? w['field'] ?? w['property'];
  return predicate !== undefined ? `${type} (${shortIri(predicate)})` : type;
}

function shortIri(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.replace(/^terminusdb:\/\/\/schema#/, '').replace(/^terminusdb:\/\/\/data\//, '');
}

function verdict(report: CheckReport): string {
  switch (report.status) {
    case 'ok':
      return report.summary.breaking > 0
        ? `✓ exit 0 — ${report.summary.breaking} breaking change(s), none used by a known client operation`
        : '✓ exit 0 — no breaking changes';
    case 'breaking':
      return report.summary.breakingInUse > 0
        ? `✗ exit 1 — ${report.summary.breakingInUse} breaking change(s) in use, ${report.summary.brokenOperations} operation(s) broken`
        : `✗ exit 1 — ${report.summary.breaking} breaking change(s) (--strict)`;
    case 'failed':
      return `✗ exit 2 — ${failures(report).join(', ')}`;
    default: {
      const never: never = report.status;
      return never;
    }
  }
}

function failures(report: CheckReport): string[] {
  const out: string[] = [];
  if (!report.ontology.ok) out.push('the ontology does not compile');
  if (report.composition !== null && !report.composition.ok) out.push('composition failed');
  if (report.error !== undefined) out.push('the check could not run');
  if (report.simulation !== undefined && report.simulation.status === 'invalid') out.push('instance data would become invalid');
  if (report.simulation !== undefined && report.simulation.status === 'error') out.push('the simulation failed');
  return out;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
