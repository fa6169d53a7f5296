import http from 'node:http';

/** One load run's numbers. */
export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  readonly bytes: number;
}

/**
 * Sends POSTs from `concurrency` workers over a keep-alive `node:http` agent for `seconds`, cycling
 * through `bodies`. Counts non-200 answers and answers with `errors` as errors.
 */
export async function load(url: string, bodies: readonly string[], headers: Record<string, string>, concurrency: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const latenciesMs: number[] = [];
  let errors = 0;
  let bytes = 0;
  let i = 0;
  const deadline = performance.now() + seconds * 1000;
  const one = (body: string): Promise<void> =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = http.request(target, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          latenciesMs.push(performance.now() - started);
          const text = Buffer.concat(chunks).toString('utf8');
          bytes += text.length;
          if (res.statusCode !== 200 || text.includes('"errors"')) errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) await one(bodies[i++ % bodies.length] ?? '');
    }),
  );
  agent.destroy();
  return { requests: latenciesMs.length, errors, seconds: (performance.now() - started) / 1000, latenciesMs, bytes };
}
