import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { runCheckCommand } from '../checks/index.js';
import { KernelConfigError } from '../kernel/index.js';
import { ConfigError, Terminus, terminusSettingsFromEnv } from '../lib/index.js';
import { pushOntology } from '../ontology/index.js';
import { bootstrapDatabase } from './bootstrap.js';
import { start } from './start.js';

/** A usage or configuration mistake: printed without a stack, exit code 2. */
class UsageError extends Error {}

/** `ontology push [--branch b] [--message m]`: the ontology as one schema commit. */
async function ontology(args: readonly string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'push') throw new UsageError(`usage: supergraph ontology push [--branch main] [--message text]  (build/check: npm run ontology:build|check)`);
  const { values } = parseArgs({ args: [...rest], options: { branch: { type: 'string', default: 'main' }, message: { type: 'string' } } });
  const terminus = new Terminus(terminusSettingsFromEnv());
  const client = terminus.client({ author: `${process.env['USER'] ?? 'schema-owner'}@ontology` });
  const result = await terminus.call(() =>
    pushOntology(client, { branch: values.branch, message: values.message ?? '[ontology] push ontology/schema', db: terminus.settings.db }),
  );
  console.log(`pushed ${result.documents.length} schema documents to ${terminus.settings.db}/${result.branch}`);
}

/** `seed`: create the database if missing, write the ontology if absent, load the demo seed if empty. */
async function seed(): Promise<void> {
  const result = await bootstrapDatabase(new Terminus(terminusSettingsFromEnv()));
  console.log(JSON.stringify(result));
}

/** `subgraph <name>`: one subgraph process alone (for deployment), configured from env. */
async function subgraph(args: readonly string[]): Promise<void> {
  const [name] = args;
  if (name === undefined || !/^[a-z][a-z0-9-]*$/.test(name) || !existsSync(new URL(`../subgraphs/${name}/main.ts`, import.meta.url))) {
    throw new UsageError('usage: npm run subgraph -- <name>   (a folder of subgraphs/ with a main.ts, e.g. core)');
  }
  await import(`../subgraphs/${name}/main.js`);
}

/** `check [--against <file|git ref>] [--operations <glob>] [--simulate] [--strict] [--json]`: see checks/README.md. */
async function check(args: readonly string[]): Promise<void> {
  process.exitCode = await runCheckCommand(args);
}

const COMMANDS: Record<string, (args: readonly string[]) => Promise<void>> = { start, ontology, seed, subgraph, check };

async function main(argv: readonly string[]): Promise<void> {
  const [command = 'start', ...rest] = argv;
  const run = COMMANDS[command];
  try {
    if (run === undefined) throw new UsageError(`unknown command '${command}'. Commands: ${Object.keys(COMMANDS).join(', ')}`);
    await run(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof KernelConfigError) {
      console.error(`supergraph: ${err.message}`);
      process.exit(2);
    }
    const e = err as { message?: string; status?: number };
    console.error(`supergraph: ${e.message ?? String(err)}${e.status ? ` (HTTP ${e.status})` : ''}`);
    process.exit(1);
  }
}

void main(process.argv.slice(2));
