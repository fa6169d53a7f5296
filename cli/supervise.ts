/**
 * Runs a non-Node program (e.g. nats-server) under `npm start` so it cannot outlive the orchestrator:
 * `node --import <exitWithParent> cli/supervise.ts <program> [args…]`. Started with the same preload as
 * the Node children, this process receives SIGTERM when the orchestrator goes away (even by SIGKILL),
 * forwards it to the program and exits with it; stdio is inherited.
 */
import { spawn } from 'node:child_process';

const [program, ...args] = process.argv.slice(2);
if (program === undefined) {
  console.error('usage: supervise.ts <program> [args…]');
  process.exit(2);
}
const child = spawn(program, args, { stdio: ['ignore', 'inherit', 'inherit'] });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.once('error', (err) => {
  console.error(`supervise: cannot start ${program}: ${err.message}`);
  process.exit(127);
});
child.once('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128 + 9)));
