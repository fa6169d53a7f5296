/** A throwaway copy of the check fixtures: ontology, supergraph.yaml, operations, router records, and a composed baseline. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheckCommand, type CheckOptions } from '../../checks/index.js';
import { compileOntology, loadSchemaDir } from '../../ontology/index.js';
import { composeSupergraph } from '../../router/index.js';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

type SchemaDocument = Record<string, unknown>;

export interface CheckWorkspace extends Disposable {
  readonly root: string;
  /** Edits the fixture ontology (`ontology/schema/catalog.json`) in place. */
  editOntology(edit: (docs: SchemaDocument[]) => void): void;
  /** Runs `check` with `args` in the workspace; the printed output and the exit code. */
  check(args?: readonly string[], defaults?: CheckOptions): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Runs git in the workspace. */
  git(...args: string[]): string;
}

/** Composes the fixture ontology (as in `ontology/schema` of `root`) into a supergraph SDL. */
export function composeFixture(root: string): string {
  const compiled = compileOntology(loadSchemaDir(join(root, 'ontology', 'schema'), root));
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  const result = composeSupergraph([{ name: 'core', url: 'http://127.0.0.1:4001/graphql', sdl: compiled.sdl }]);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.supergraphSdl;
}

/** Copies the fixtures to a temporary folder and writes `supergraph.graphql` composed from the unchanged ontology. */
export function checkWorkspace(): CheckWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'checks-'));
  cpSync(join(FIXTURES, 'ontology'), join(root, 'ontology', 'schema'), { recursive: true });
  cpSync(join(FIXTURES, 'operations'), join(root, 'operations'), { recursive: true });
  for (const f of ['supergraph.yaml', 'supergraph-conflict.yaml', 'reviews.graphql', 'recorded.json']) cpSync(join(FIXTURES, f), join(root, f));
  writeFileSync(join(root, 'supergraph.graphql'), composeFixture(root));
  const catalog = join(root, 'ontology', 'schema', 'catalog.json');
  return {
    root,
    editOntology(edit) {
      const docs = JSON.parse(readFileSync(catalog, 'utf8')) as SchemaDocument[];
      edit(docs);
      writeFileSync(catalog, JSON.stringify(docs, null, 2));
    },
    async check(args = [], defaults = {}) {
      let stdout = '';
      let stderr = '';
      const code = await runCheckCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, { root, recorded: 'recorded.json', ...defaults });
      return { code, stdout, stderr };
    },
    git(...args) {
      return execFileSync('git', ['-c', 'user.email=check@test', '-c', 'user.name=check', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
    },
    [Symbol.dispose]() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The schema document `@id` of the fixture catalog. */
export function doc(docs: SchemaDocument[], id: string): SchemaDocument {
  const found = docs.find((d) => d['@id'] === id);
  if (found === undefined) throw new Error(`no schema document ${id}`);
  return found;
}

/** Sets a documented property on a class of the fixture catalog. */
export function setProperty(docs: SchemaDocument[], cls: string, property: string, range: unknown): void {
  const d = doc(docs, cls);
  d[property] = range;
  ((d['@documentation'] as { '@properties': Record<string, string> })['@properties'])[property] = `The ${property}.`;
}

/** Removes a property (and its documentation) from a class of the fixture catalog. */
export function removeProperty(docs: SchemaDocument[], cls: string, property: string): void {
  const d = doc(docs, cls);
  delete d[property];
  delete (d['@documentation'] as { '@properties': Record<string, string> })['@properties'][property];
}
