/**
 * The schema owners' checks (`npm run check`): composition, breaking-change classification against the
 * committed supergraph or a baseline, usage by client operations, and simulation on a throwaway branch.
 */
export { runChecks } from './runChecks.js';
export { resolveCheckOptions, type CheckOptions, type ResolvedCheckOptions } from './CheckOptions.js';
export type * from './CheckReport.js';
export { printHuman, printJson } from './printReport.js';
export { apiSchema } from './apiSchema.js';
export { classifyChanges, type ClassifiedChange } from './classifyChanges.js';
export { operationUsage } from './operations/operationUsage.js';
export { simulateOntology, type SimulateOptions } from './simulateOntology.js';
export { BaselineError } from './readBaseline.js';
export { runCheckCommand } from './runCheckCommand.js';
