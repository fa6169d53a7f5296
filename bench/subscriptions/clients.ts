/**
 * Load clients of the subscription benchmark, run as a child process of `run.ts` (so the router's
 * process holds only the router): `count` WebSockets speaking `graphql-transport-ws` (raw `ws`, no
 * client library), one subscription each. Latency per event = now − the publish time the event carries
 * in `message` (epoch ms; every process reads the same clock). Talks to the parent over IPC:
 * `{ready}` once every connection is acknowledged (then it subscribes), `{report}` when asked.
 * `npx tsx bench/subscriptions/clients.ts <url> <count> <authorization> <query>` (spawned by run.ts).
 */
import WebSocket from 'ws';

const [url = '', countArg = '0', authorization = '', query = ''] = process.argv.slice(2);
const count = Number(countArg);
const now = (): number => performance.timeOrigin + performance.now();

let received = 0;
let errors = 0;
let closed = 0;
let opened = 0;
const latencies: number[] = [];
const sockets: WebSocket[] = [];
const MARK = '"message":"';

function onMessage(ws: WebSocket, i: number, data: WebSocket.RawData): void {
  const text = data.toString();
  if (text.includes('"type":"next"')) {
    received++;
    const i = text.indexOf(MARK);
    if (i >= 0) {
      const sent = Number(text.slice(i + MARK.length, text.indexOf('"', i + MARK.length)));
      if (Number.isFinite(sent)) latencies.push(now() - sent);
    }
    if (text.includes('"errors"')) errors++;
  } else if (text.includes('"type":"connection_ack"')) {
    opened++;
    ws.send(JSON.stringify({ id: `s${i}`, type: 'subscribe', payload: { query } }));
  } else if (text.includes('"type":"error"')) errors++;
}

async function open(i: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const ws = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
    sockets.push(ws);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization } }));
      resolve();
    });
    ws.on('message', (data) => onMessage(ws, i, data));
    ws.on('error', () => {
      errors++;
      resolve();
    });
    ws.on('close', () => void closed++);
  });
}

process.on('message', (m: { kind: string }) => {
  if (m.kind === 'report' || m.kind === 'progress') {
    // `progress` (polled while events flow) carries counts only: shipping the latencies over IPC
    // on every poll cost both processes CPU and skewed the latencies measured.
    const cpu = process.cpuUsage();
    process.send?.({ kind: m.kind, received, errors, closed, latencies: m.kind === 'report' ? latencies : [], cpuMs: (cpu.user + cpu.system) / 1000, rss: process.memoryUsage().rss });
  } else if (m.kind === 'reset') {
    received = 0;
    errors = 0;
    latencies.length = 0;
  } else if (m.kind === 'exit') {
    for (const ws of sockets) ws.terminate();
    process.exit(0);
  }
});

const PARALLEL = 100;
for (let i = 0; i < count; i += PARALLEL) await Promise.all(Array.from({ length: Math.min(PARALLEL, count - i) }, (_, j) => open(i + j)));
const until = Date.now() + 60_000;
while (opened < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
process.send?.({ kind: 'ready', opened, errors });
