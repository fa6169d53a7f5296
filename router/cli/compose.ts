/**
 * `npm run compose [-- --check] [--config supergraph.yaml] [--out supergraph.graphql]`: composes the
 * subgraphs of `supergraph.yaml` into `supergraph.graphql`. `--check` writes nothing and fails when the
 * committed file differs from a fresh composition (drift) or composition fails.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { composeFromConfig, formatCompositionProblem, readSupergraphConfig, supergraphFileText } from '../index.js';

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    config: { type: 'string', default: 'supergraph.yaml' },
    out: { type: 'string', default: 'supergraph.graphql' },
  },
});

const config = await readSupergraphConfig(values.config);
const result = await composeFromConfig(config);
if (!result.ok) {
  console.error(`composition failed with ${result.problems.length} error(s):\n`);
  for (const p of result.problems) console.error(`${formatCompositionProblem(p)}\n`);
  process.exit(1);
}
for (const hint of result.hints) console.error(`hint: ${hint}`);
const text = supergraphFileText(config, result.supergraphSdl);
if (values.check) {
  const current = await readFile(values.out, 'utf8').catch(() => '');
  if (current !== text) {
    console.error(`${values.out} is out of date: run npm run compose and commit the result`);
    process.exit(1);
  }
  console.log(`${values.out} is up to date (${config.subgraphs.length} subgraph(s))`);
} else {
  await writeFile(values.out, text);
  console.log(`wrote ${values.out} (${config.subgraphs.map((s) => s.name).join(', ')})`);
}
