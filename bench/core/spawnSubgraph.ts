import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** The core subgraph in its own process (`subgraphs/core/main.ts`); resolves once it prints its URL. */
export async function spawnSubgraph(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/core/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`core subgraph exited with ${code}`)));
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { url?: string; msg?: string };
        if (typeof msg.url === 'string' && msg.msg === undefined) resolve(msg.url);
      } catch {
        // not a JSON line
      }
    });
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
