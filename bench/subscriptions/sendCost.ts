/**
 * The machine's floor for subscription fan-out: what one TCP send to a loopback socket costs, with no
 * router, no WebSocket and no GraphQL — plain `node:net` sockets, a reader in a child process. A fan-out
 * to N subscribers needs N sends per event (or per pass, when frames coalesce), so N × this cost is
 * the shortest time in which an event can reach them all on one core.
 * `npx tsx bench/subscriptions/sendCost.ts [sockets=1000,10000] [rounds=20]`
 * (run as a child: `npx tsx bench/subscriptions/sendCost.ts --reader <port> <count> <paused>`).
 */
import { fork } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { printTable } from '../support/table.js';

async function reader(port: number, count: number, paused: boolean): Promise<void> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, () =>
        new Promise<void>((resolve) => {
          const s = connect(port, '127.0.0.1', resolve);
          if (paused) s.pause();
          else s.on('data', () => undefined);
          sockets.push(s);
        }),
      ),
    );
  }
  process.send?.('ready');
}

async function measure(count: number, rounds: number, size: number, paused: boolean): Promise<number> {
  const accepted: Socket[] = [];
  const server = createServer((s) => {
    s.setNoDelay(true);
    accepted.push(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const child = fork(new URL(import.meta.url).pathname, ['--reader', String(port), String(count), paused ? '1' : '0'], { execArgv: ['--import', 'tsx'] });
  await new Promise<void>((r) => child.once('message', () => r()));
  while (accepted.length < count) await new Promise((r) => setTimeout(r, 20));
  const payload = Buffer.alloc(size, 0x78);
  let total = 0;
  for (let r = 0; r < rounds; r++) {
    await new Promise((res) => setTimeout(res, 50));
    const t = performance.now();
    for (const s of accepted) s.write(Buffer.from(payload));
    total += performance.now() - t;
  }
  child.kill('SIGKILL');
  for (const s of accepted) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  return (total * 1000) / (rounds * count);
}

if (process.argv[2] === '--reader') {
  await reader(Number(process.argv[3]), Number(process.argv[4]), process.argv[5] === '1');
} else {
  const counts = (process.argv[2] ?? '1000,10000').split(',').map(Number);
  const rounds = Number(process.argv[3] ?? 20);
  const rows: [string, string, string?][] = [];
  for (const count of counts) {
    for (const [size, paused] of [
      [300, false],
      [3000, false],
      [300, true],
    ] as const) {
      const us = await measure(count, rounds, size, paused);
      rows.push([`${count} sockets, ${size} B per send, reader ${paused ? 'paused (no wake-ups)' : 'reading'}`, `${us.toFixed(1)} µs per send (${((us * count) / 1000).toFixed(0)} ms per pass)`]);
      console.log(rows.at(-1)?.join(': '));
    }
  }
  printTable(`Loopback TCP send cost (node:net, one write per socket, ${rounds} rounds; the floor under subscription fan-out)`, rows);
  process.exit(0);
}
