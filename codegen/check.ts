/**
 * `npm run codegen:check`: regenerates in memory and fails (exit 1) when a committed generated file
 * differs, naming each one; the fix is `npm run codegen`.
 */
import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.js';

const outputs = await generate({ ...config, silent: true }, false);
const drift: string[] = [];
for (const { filename, content } of outputs) {
  let committed = '';
  try {
    committed = readFileSync(filename, 'utf8');
  } catch {
    committed = '';
  }
  if (committed !== content) drift.push(filename);
}
if (drift.length > 0) {
  console.error(`codegen: generated files are out of date (run npm run codegen):\n  ${drift.join('\n  ')}`);
  process.exit(1);
}
console.log(`codegen: ${outputs.length} generated files are up to date`);
