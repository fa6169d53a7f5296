/**
 * Preloaded (`--import`) into every child of `npm start`: when the parent goes away — its stdin
 * pipe closes or the child is re-parented, whatever killed the parent — the child stops itself with
 * SIGTERM (a graceful drain), and is forced out if the drain has not finished within 15 s, so no
 * process is left orphaned.
 */
const parent = process.ppid;
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  // stdout/stderr pipes are gone with the parent: writes must not throw.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  // SIGKILL, not process.exit: exit handlers (e.g. a logger's synchronous flush) can block on the
  // broken pipe the dead parent left behind.
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 15_000).unref();
  process.kill(process.pid, 'SIGTERM');
};
process.stdin.on('data', () => undefined);
process.stdin.once('end', stop);
process.stdin.once('error', stop);
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 1_000).unref();
