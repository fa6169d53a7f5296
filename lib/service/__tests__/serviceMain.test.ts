import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const FIXTURE = new URL('./fixtures/serviceMain.ts', import.meta.url).pathname;

/** Runs the fixture main; `lines` are its stdout JSON lines; `signal` is sent once it printed its URL. */
async function run(env: Record<string, string>, signal?: NodeJS.Signals): Promise<{ code: number | null; lines: Record<string, unknown>[]; answered?: unknown }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let answered: unknown;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const v = JSON.parse(line) as Record<string, unknown>;
    lines.push(v);
    if (signal !== undefined && typeof v['url'] === 'string' && Object.keys(v).length === 1) {
      void fetch(v['url'])
        .then((r) => r.json())
        .then((body) => {
          answered = body;
          child.kill(signal);
        });
    }
  });
  const code = await exited;
  await new Promise((r) => setImmediate(r));
  return { code, lines, answered };
}

describe('service main helpers', () => {
  it('configOrExit logs a configuration mistake as fatal and exits with code 2', async () => {
    const { code, lines } = await run({ FIXTURE_BAD: 'config' });
    expect(code).toBe(2);
    expect(lines).toEqual([expect.objectContaining({ level: 60, service: 'fixture', msg: 'Set FIXTURE_X' })]);
  });

  it('configOrExit lets any other error through (not exit code 2)', async () => {
    const { code, lines } = await run({ FIXTURE_BAD: 'bug' });
    expect(code).toBe(1);
    expect(lines).toEqual([]);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('listenService logs and prints the URL; on %s drainOnSignals runs the steps in order and exits 0', async (signal) => {
    const { code, lines, answered } = await run({}, signal);
    expect(code).toBe(0);
    expect(answered).toEqual({ ok: true });
    const url = lines.find((l) => Object.keys(l).length === 1 && 'url' in l)?.['url'];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // pino and console.log write on their own; only the order within each is fixed.
    expect(lines.filter((l) => 'step' in l || Object.keys(l).length === 1).map((l) => l['step'] ?? 'url')).toEqual(['url', 'closed', 'second']);
    expect(lines.filter((l) => 'msg' in l)).toEqual([
      expect.objectContaining({ level: 30, msg: 'fixture subgraph listening', url, extra: 1 }),
      expect.objectContaining({ level: 30, msg: 'draining', signal }),
    ]);
  });
});
