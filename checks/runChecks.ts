import type { GraphQLSchema } from 'graphql';
import { terminusSettingsFromEnv } from '../lib/index.js';
import { apiSchema } from './apiSchema.js';
import type { CheckReport, OperationWarning, SchemaChange, SimulationReport } from './CheckReport.js';
import { resolveCheckOptions, type CheckOptions, type ResolvedCheckOptions } from './CheckOptions.js';
import { classifyChanges } from './classifyChanges.js';
import { composeWorkingTree, type WorkingTree } from './composeWorkingTree.js';
import { affectedOperations, type AnalysedOperation } from './operations/affectedOperations.js';
import { describeSource } from './operations/ClientOperation.js';
import { loadOperations } from './operations/loadOperations.js';
import { operationUsage } from './operations/operationUsage.js';
import { validateOperation } from './operations/validateOperation.js';
import { readBaseline, type Baseline } from './readBaseline.js';
import { simulateOntology } from './simulateOntology.js';

/**
 * The schema owners' check: recompiles the ontology and composes the supergraph in memory, classifies every
 * change of the client-facing API schema against the baseline (graphql-inspector), cross-checks breaking and
 * dangerous changes against the client operations (files, persisted manifest, router records), and with
 * `simulate` validates the instance data against the new ontology on a throwaway TerminusDB branch.
 */
export async function runChecks(input: CheckOptions = {}): Promise<CheckReport> {
  const options = resolveCheckOptions(input);
  let tree: WorkingTree;
  try {
    tree = await composeWorkingTree(options);
  } catch (err) {
    // supergraph.yaml or a subgraph's schema file cannot be read.
    tree = { stage: 'composition', problems: [{ code: 'CONFIG_ERROR', message: (err as Error).message, hint: `Fix ${options.config} or the schema files it lists.` }] };
  }
  const ontology = { ok: tree.stage !== 'ontology', diagnostics: tree.stage === 'ontology' ? tree.diagnostics : [] };
  const simulation = options.simulate && ontology.ok ? await simulate(options) : undefined;

  let baseline: Baseline;
  try {
    baseline = await readBaseline(options);
  } catch (err) {
    return finish(options, { kind: options.against === undefined ? 'file' : 'git', ref: options.against ?? options.supergraphFile }, tree, [], { checked: 0, warnings: [] }, simulation, (err as Error).message);
  }
  const ref = { kind: baseline.kind, ref: baseline.ref };
  if (tree.stage !== 'composed') return finish(options, ref, tree, [], { checked: 0, warnings: [] }, simulation);

  let before: GraphQLSchema;
  try {
    before = apiSchema(baseline.sdl);
  } catch (err) {
    return finish(options, ref, tree, [], { checked: 0, warnings: [] }, simulation, `baseline ${baseline.ref} is not a valid supergraph: ${(err as Error).message}`);
  }
  let after: GraphQLSchema;
  try {
    after = apiSchema(tree.supergraphSdl);
  } catch (err) {
    const failed: WorkingTree = { stage: 'composition', problems: [{ code: 'INVALID_SUPERGRAPH', message: (err as Error).message, hint: 'The composed supergraph does not load; report this with the subgraph SDLs.' }] };
    return finish(options, ref, failed, [], { checked: 0, warnings: [] }, simulation);
  }

  const classified = await classifyChanges(before, after);
  const loaded = await loadOperations(options);
  const warnings: OperationWarning[] = [...loaded.warnings];
  const analysed: AnalysedOperation[] = loaded.operations.map((op) => {
    const invalid = validateOperation(before, op);
    if (invalid !== null) warnings.push({ operation: op.name ?? '(anonymous)', source: describeSource(op.source), message: invalid });
    return { op, usage: operationUsage(before, op) };
  });
  const changes: SchemaChange[] = classified.map(({ level, change }) => ({
    level,
    type: change.type,
    message: change.message,
    path: change.path ?? null,
    reason: change.criticality.reason ?? null,
    operations: level === 'safe' ? [] : affectedOperations(change, analysed),
  }));
  return finish(options, ref, tree, changes, { checked: analysed.length, warnings }, simulation);
}

function simulate(options: ResolvedCheckOptions): Promise<SimulationReport> {
  return simulateOntology({ settings: options.terminus ?? terminusSettingsFromEnv(), schemaDir: options.schemaDir, root: options.root, from: options.simulateFrom });
}

/** Assembles the report: summary, status and exit code. */
function finish(
  options: ResolvedCheckOptions,
  baseline: CheckReport['baseline'],
  tree: WorkingTree,
  changes: readonly SchemaChange[],
  operations: CheckReport['operations'],
  simulation: SimulationReport | undefined,
  error?: string,
): CheckReport {
  const breaking = changes.filter((c) => c.level === 'breaking');
  const inUse = breaking.filter((c) => c.operations.some((o) => o.usage === 'uses'));
  const broken = new Set(inUse.flatMap((c) => c.operations.filter((o) => o.usage === 'uses').map((o) => `${o.type} ${o.name ?? describeSource(o.sources[0] ?? { kind: 'file', file: '?' })}`)));
  const failed = tree.stage !== 'composed' || error !== undefined || (simulation !== undefined && simulation.status !== 'ok');
  const exitCode = failed ? 2 : inUse.length > 0 || (options.strict && breaking.length > 0) ? 1 : 0;
  return {
    version: 1,
    status: exitCode === 2 ? 'failed' : exitCode === 1 ? 'breaking' : 'ok',
    exitCode,
    strict: options.strict,
    baseline,
    ontology: { ok: tree.stage !== 'ontology', diagnostics: tree.stage === 'ontology' ? tree.diagnostics : [] },
    composition:
      tree.stage === 'ontology'
        ? null
        : { ok: tree.stage === 'composed', problems: tree.stage === 'composition' ? tree.problems : [], hints: tree.stage === 'composed' ? tree.hints : [] },
    changes,
    operations,
    summary: {
      breaking: breaking.length,
      breakingInUse: inUse.length,
      dangerous: changes.filter((c) => c.level === 'dangerous').length,
      safe: changes.filter((c) => c.level === 'safe').length,
      brokenOperations: broken.size,
    },
    ...(simulation !== undefined ? { simulation } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}
