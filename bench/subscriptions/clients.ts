/**
 * Load clients of the subscription benchmark, run as a child process of `run.ts` (so the router's
 * process holds only the router): `count` WebSockets speaking `graphql-transport-ws`, one subscription
 * each. The client is a minimal RFC 6455 client on `node:net` (handshake, masked client frames,
 * unmasked server frames parsed in place, no UTF-8 decoding of event frames): the load generator shares
 * the machine's two cores with the router, so it must cost as little as it can; `ws` costs about twice
 * as much per message. Latency per event = now − the scheduled publish time the event carries in
 * `message` (epoch ms; every process reads the same clock). Talks to the parent over IPC: `{ready}`
 * once every connection is acknowledged (then it subscribes), `{progress}`/`{report}` when asked.
 * `npx tsx bench/subscriptions/clients.ts <url> <count> <authorization> <query>` (spawned by run.ts).
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

const [url = '', countArg = '0', authorization = '', query = ''] = process.argv.slice(2);
const count = Number(countArg);
const target = new URL(url);
const now = (): number => performance.timeOrigin + performance.now();

let received = 0;
let errors = 0;
let closed = 0;
let opened = 0;
const latencies: number[] = [];
const sockets: Socket[] = [];
const NEXT = Buffer.from('"type":"next"');
const ERRORS = Buffer.from('"errors"');
const MARK = Buffer.from('"message":"');
const ACK = Buffer.from('"type":"connection_ack"');
const ERROR = Buffer.from('"type":"error"');

/** A masked client text frame. */
function clientFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const n = payload.length;
  const header = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const out = Buffer.allocUnsafe(header + 4 + n);
  out[0] = 0x81;
  if (n < 126) out[1] = 0x80 | n;
  else if (n < 65_536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(n, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(n), 2);
  }
  const mask = randomBytes(4);
  mask.copy(out, header);
  for (let i = 0; i < n; i++) out[header + 4 + i] = (payload[i] as number) ^ (mask[i & 3] as number);
  return out;
}

function onFrame(socket: Socket, i: number, opcode: number, data: Buffer): void {
  if (opcode === 0x9) {
    // ping → pong (masked, same payload)
    const mask = randomBytes(4);
    const pong = Buffer.allocUnsafe(6 + data.length);
    pong[0] = 0x8a;
    pong[1] = 0x80 | data.length;
    mask.copy(pong, 2);
    for (let k = 0; k < data.length; k++) pong[6 + k] = (data[k] as number) ^ (mask[k & 3] as number);
    socket.write(pong);
    return;
  }
  if (opcode === 0x8) {
    socket.end();
    return;
  }
  if (data.indexOf(NEXT) >= 0) {
    received++;
    const at = data.indexOf(MARK);
    if (at >= 0) {
      const from = at + MARK.length;
      const sent = Number(data.toString('latin1', from, data.indexOf(0x22, from)));
      if (Number.isFinite(sent)) latencies.push(now() - sent);
    }
    if (data.indexOf(ERRORS) >= 0) errors++;
  } else if (data.indexOf(ACK) >= 0) {
    opened++;
    socket.write(clientFrame(JSON.stringify({ id: `s${i}`, type: 'subscribe', payload: { query } })));
  } else if (data.indexOf(ERROR) >= 0) errors++;
}

async function open(i: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const socket = connect(Number(target.port), target.hostname);
    sockets.push(socket);
    let upgraded = false;
    let pending: Buffer = Buffer.alloc(0);
    socket.on('connect', () => {
      socket.write(
        `GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      let buf = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) {
          pending = buf;
          return;
        }
        if (!buf.toString('latin1', 0, 12).includes(' 101')) {
          errors++;
          socket.destroy();
          resolve();
          return;
        }
        upgraded = true;
        buf = buf.subarray(end + 4);
        socket.write(clientFrame(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
        resolve();
      }
      let at = 0;
      while (buf.length - at >= 2) {
        const opcode = (buf[at] as number) & 0x0f;
        let length = (buf[at + 1] as number) & 0x7f;
        let header = 2;
        if (length === 126) {
          if (buf.length - at < 4) break;
          length = buf.readUInt16BE(at + 2);
          header = 4;
        } else if (length === 127) {
          if (buf.length - at < 10) break;
          length = Number(buf.readBigUInt64BE(at + 2));
          header = 10;
        }
        if (buf.length - at < header + length) break;
        onFrame(socket, i, opcode, buf.subarray(at + header, at + header + length));
        at += header + length;
      }
      pending = at === buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(at));
    });
    socket.on('error', () => {
      errors++;
      resolve();
    });
    socket.on('close', () => void closed++);
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
    for (const s of sockets) s.destroy();
    process.exit(0);
  }
});

const PARALLEL = 100;
for (let i = 0; i < count; i += PARALLEL) await Promise.all(Array.from({ length: Math.min(PARALLEL, count - i) }, (_, j) => open(i + j)));
const until = Date.now() + 60_000;
while (opened < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
process.send?.({ kind: 'ready', opened, errors });
