import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Terminus, TerminusError, type TerminusSettings } from '../lib/index.js';
import { pushOntology } from '../ontology/index.js';
import type { InvalidDocument, SimulationReport } from './CheckReport.js';

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

const DATA_PREFIX = 'terminusdb:///data/';

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
    const witnesses = witnessesOf(err);
    outcome =
      witnesses !== undefined && created
        ? { status: 'invalid', invalidDocuments: groupByDocument(witnesses) }
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

/** The witnesses of a schema check failure (`api:error.api:witnesses`, or `api:witnesses` at top level). */
function witnessesOf(err: unknown): Record<string, unknown>[] | undefined {
  if (!(err instanceof TerminusError)) return undefined;
  const body = err.body as { 'api:error'?: { 'api:witnesses'?: unknown }; 'api:witnesses'?: unknown } | undefined;
  const list = body?.['api:error']?.['api:witnesses'] ?? body?.['api:witnesses'];
  return Array.isArray(list) ? list.filter((w): w is Record<string, unknown> => typeof w === 'object' && w !== null) : undefined;
}

/** The instance document a witness is about: `instance`, `subject`, `document` (id or `@id`); `schema` when none. */
export function witnessDocument(w: Record<string, unknown>): string {
  for (const key of ['instance', 'subject', 'document', 'object']) {
    const v = w[key];
    const id = typeof v === 'string' ? v : typeof v === 'object' && v !== null && typeof (v as { '@id'?: unknown })['@id'] === 'string' ? (v as { '@id': string })['@id'] : undefined;
    if (id !== undefined) return id.startsWith(DATA_PREFIX) ? id.slice(DATA_PREFIX.length) : id;
  }
  // Elaboration witnesses may be wrapped under the offending property IRI.
  const values = Object.values(w);
  if (values.length === 1 && typeof values[0] === 'object' && values[0] !== null) return witnessDocument(values[0] as Record<string, unknown>);
  return 'schema';
}

function groupByDocument(witnesses: readonly Record<string, unknown>[]): InvalidDocument[] {
  const byId = new Map<string, Record<string, unknown>[]>();
  for (const w of witnesses) {
    const id = witnessDocument(w);
    byId.set(id, [...(byId.get(id) ?? []), w]);
  }
  return [...byId.entries()].map(([id, list]) => ({ id, witnesses: list })).sort((a, b) => a.id.localeCompare(b.id));
}
