import { parseArgs } from 'node:util';
import type { CheckOptions } from './CheckOptions.js';
import { printHuman, printJson } from './printReport.js';
import { runChecks } from './runChecks.js';

export const CHECK_USAGE =
  'usage: npm run check -- [--against <file|git ref>] [--operations <glob>]... [--manifest <file>] [--recorded <file>] [--simulate] [--strict] [--json] [--config supergraph.yaml] [--schema-dir ontology/schema]';

/** Where the command writes (the CLI passes process streams; tests capture). */
export interface CheckIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processIo: CheckIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/**
 * `check [options]`: parses the arguments, runs {@link runChecks}, prints the report (human or `--json`)
 * and returns the exit code: 0 ok, 1 breaking changes in use (any with `--strict`), 2 ontology,
 * composition or simulation failure, or a usage mistake.
 */
export async function runCheckCommand(args: readonly string[], io: CheckIo = processIo, defaults: CheckOptions = {}): Promise<0 | 1 | 2> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      options: {
        against: { type: 'string' },
        operations: { type: 'string', multiple: true },
        manifest: { type: 'string' },
        recorded: { type: 'string' },
        config: { type: 'string' },
        'schema-dir': { type: 'string' },
        simulate: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    io.stderr(`supergraph check: ${(err as Error).message}\n${CHECK_USAGE}\n`);
    return 2;
  }
  const options: CheckOptions = {
    ...defaults,
    ...(values.against !== undefined ? { against: values.against } : {}),
    ...(values.operations !== undefined ? { operations: values.operations } : {}),
    ...(values.manifest !== undefined ? { manifest: values.manifest } : {}),
    ...(values.recorded !== undefined ? { recorded: values.recorded } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values['schema-dir'] !== undefined ? { schemaDir: values['schema-dir'] } : {}),
    simulate: values.simulate,
    strict: values.strict,
  };
  let report;
  try {
    report = await runChecks(options);
  } catch (err) {
    io.stderr(`supergraph check: ${(err as Error).message}\n`);
    return 2;
  }
  if (values.json) io.stdout(printJson(report));
  else io.stdout(printHuman(report));
  return report.exitCode;
}
