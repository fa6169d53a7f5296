import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { invalidDocuments, schemaWitnesses, Terminus, type TerminusSettings } from '../lib/index.js';
import { pushOntology } from '../ontology/index.js';
import type { SimulationReport } from './CheckReport.js';

/** Options of {@link simulateOntology}. */
export interface SimulateOptions {
  readonly settings: TerminusSettings;
  /** Folder of the working-tree schema documents (absolute, or relative to `root`). */
  readonly schemaDir: string;
  readonly root: string;
  /** Branch the throwaway branch starts from. */
  readonly from: string;
  /** Throwaway branch name; default `check-<random hex>`. */
  readonly branch?: string;
}

/**
 * Writes the working-tree ontology to a throwaway branch `check-<random>` made from `from`, so TerminusDB
 * validates every instance document against it; reports the documents it refuses (witnesses grouped by
 * document). The branch is always deleted afterwards.
 */
export async function simulateOntology(options: SimulateOptions): Promise<SimulationReport> {
  const terminus = new Terminus(options.settings);
  const branch = options.branch ?? `check-${randomBytes(4).toString('hex')}`;
  const client = terminus.client({ author: 'check@cli', branch: options.from });
  let created = false;
  let outcome: Omit<SimulationReport, 'branchDeleted' | 'branch'>;
  try {
    await terminus.call(() => client.branch(branch));
    created = true;
    await terminus.call(() =>
      pushOntology(client, { branch, db: options.settings.db, schemaDir: resolve(options.root, options.schemaDir), message: '[check] simulate working-tree ontology' }),
    );
    outcome = { status: 'ok', invalidDocuments: [] };
  } catch (err) {
    const witnesses = schemaWitnesses(err);
    outcome =
      witnesses !== undefined && created
        ? { status: 'invalid', invalidDocuments: invalidDocuments(witnesses) }
        : { status: 'error', invalidDocuments: [], error: describe(err) };
  }
  let branchDeleted = !created;
  if (created) {
    try {
      await terminus.call(() => client.deleteBranch(branch));
      branchDeleted = true;
    } catch (err) {
      outcome = { ...outcome, error: `${outcome.error !== undefined ? `${outcome.error}; ` : ''}cannot delete branch ${branch}: ${describe(err)}` };
    }
  }
  terminus.close();
  return { branch, ...outcome, branchDeleted };
}

function describe(err: unknown): string {
  const e = err as { message?: string; status?: number };
  return `${e.message ?? String(err)}${e.status ? ` (HTTP ${e.status})` : ''}`;
}
