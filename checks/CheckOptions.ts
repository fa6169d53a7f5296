import type { TerminusSettings } from '../lib/index.js';

/** Options of {@link runChecks}; every path is relative to `root`. */
export interface CheckOptions {
  /** Repository root: where `supergraph.yaml`, `supergraph.graphql` and `operations/` are. Default: `process.cwd()`. */
  readonly root?: string;
  /** Subgraph list. Default `supergraph.yaml`. */
  readonly config?: string;
  /** Ontology schema documents, compiled in memory. Default `ontology/schema`. */
  readonly schemaDir?: string;
  /** The subgraph of `config` whose SDL is the compiled ontology. Default `core`. */
  readonly ontologySubgraph?: string;
  /** Baseline: a supergraph file, or a git ref (then `git show <ref>:<supergraph file>`). Default: the committed `supergraph.graphql` file. */
  readonly against?: string;
  /** The committed supergraph file (baseline default, and the path read from a git ref). Default `supergraph.graphql`. */
  readonly supergraphFile?: string;
  /** Globs of client operation documents. Default `['operations/**\/*.graphql']`. */
  readonly operations?: readonly string[];
  /** Persisted-documents manifest (hash → document); skipped when missing. Default `operations/generated/persisted-documents.json`. */
  readonly manifest?: string;
  /** The router's operations file (`ROUTER_OPERATIONS_FILE`); skipped when missing. Default: env `ROUTER_OPERATIONS_FILE`. */
  readonly recorded?: string;
  /** Fail (exit 1) on any breaking change, used or not. Default false. */
  readonly strict?: boolean;
  /** Push the ontology to a throwaway TerminusDB branch and report invalidated documents. Default false. */
  readonly simulate?: boolean;
  /** Where `simulate` connects. Default: `terminusSettingsFromEnv()`. */
  readonly terminus?: TerminusSettings;
  /** Branch the throwaway branch starts from. Default `main`. */
  readonly simulateFrom?: string;
}

/** {@link CheckOptions} with defaults applied. */
export interface ResolvedCheckOptions {
  readonly root: string;
  readonly config: string;
  readonly schemaDir: string;
  readonly ontologySubgraph: string;
  readonly against: string | undefined;
  readonly supergraphFile: string;
  readonly operations: readonly string[];
  readonly manifest: string;
  readonly recorded: string | undefined;
  readonly strict: boolean;
  readonly simulate: boolean;
  readonly terminus: TerminusSettings | undefined;
  readonly simulateFrom: string;
}

/** Applies the defaults of {@link CheckOptions}. */
export function resolveCheckOptions(options: CheckOptions, env: NodeJS.ProcessEnv = process.env): ResolvedCheckOptions {
  const recorded = options.recorded ?? (env['ROUTER_OPERATIONS_FILE'] || undefined);
  return {
    root: options.root ?? process.cwd(),
    config: options.config ?? 'supergraph.yaml',
    schemaDir: options.schemaDir ?? 'ontology/schema',
    ontologySubgraph: options.ontologySubgraph ?? 'core',
    against: options.against,
    supergraphFile: options.supergraphFile ?? 'supergraph.graphql',
    operations: options.operations ?? ['operations/**/*.graphql'],
    manifest: options.manifest ?? 'operations/generated/persisted-documents.json',
    recorded,
    strict: options.strict ?? false,
    simulate: options.simulate ?? false,
    terminus: options.terminus,
    simulateFrom: options.simulateFrom ?? 'main',
  };
}
