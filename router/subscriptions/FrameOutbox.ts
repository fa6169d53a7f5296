import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** One graphql-ws `next` message waiting for its socket: `prefix` + `payload` + `}`. */
export interface PendingFrame {
  /** `{"id":…,"type":"next","payload":` of the subscription. */
  readonly prefix: string;
  readonly prefixBytes: number;
  /** The serialized execution result (shared by every subscriber of a group). */
  readonly payload: Buffer;
  /** False once the subscription has ended (the frame is dropped unwritten). */
  readonly live: () => boolean;
}

interface Pending {
  readonly frames: PendingFrame[];
  bytes: number;
}

/** `}`: closes a `next` message around its payload. */
const MESSAGE_END = 0x7d;

/** Sockets written per turn of the event loop before the outbox yields to I/O (bus messages, pings). */
const TURN_BUDGET_MS = 5;

/** The TCP socket under a `ws` WebSocket (not public API; present in ws 8). */
function rawSocket(ws: WebSocket): Duplex | undefined {
  const socket = (ws as unknown as { _socket?: Duplex })._socket;
  return socket !== undefined && typeof socket.write === 'function' ? socket : undefined;
}

/** Bytes of the unmasked WebSocket text frame (header included) carrying one pending message. */
function frameBytes(f: PendingFrame): number {
  const length = f.prefixBytes + f.payload.length + 1;
  return length + (length < 126 ? 2 : length < 65_536 ? 4 : 10);
}

/** Writes one message as a complete text frame at `at` in `out`; returns the offset after it. */
function encodeFrame(f: PendingFrame, out: Buffer, at: number): number {
  const length = f.prefixBytes + f.payload.length + 1;
  let o = at;
  out[o++] = 0x81; // FIN + text
  if (length < 126) out[o++] = length;
  else if (length < 65_536) {
    out[o++] = 126;
    out.writeUInt16BE(length, o);
    o += 2;
  } else {
    out[o++] = 127;
    out.writeUInt32BE(Math.floor(length / 2 ** 32), o);
    out.writeUInt32BE(length >>> 0, o + 4);
    o += 8;
  }
  o += out.write(f.prefix, o, 'utf8');
  o += f.payload.copy(out, o);
  out[o++] = MESSAGE_END;
  return o;
}

/**
 * Complete unmasked WebSocket text frames (headers included) for `frames`, back to back in one
 * buffer: what a client's WebSocket reads as one message each.
 */
export function encodeTextFrames(frames: readonly PendingFrame[]): Buffer {
  let size = 0;
  for (const f of frames) size += frameBytes(f);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const f of frames) at = encodeFrame(f, out, at);
  return out;
}

/**
 * Writes `frames` to a WebSocket as whole text frames in a single socket write (ws's Sender would
 * write each as a header and a body under cork/uncork). Frames stay in order with ws's own sends:
 * the server has no permessage-deflate, so ws writes synchronously and never queues. Without the raw
 * socket, ws's `send` is used per message.
 */
export function writeTextFrames(ws: WebSocket, frames: readonly PendingFrame[]): void {
  if (frames.length === 0) return;
  const socket = rawSocket(ws);
  if (socket !== undefined) {
    socket.write(encodeTextFrames(frames));
    return;
  }
  for (const f of frames) {
    const message = Buffer.allocUnsafe(f.prefixBytes + f.payload.length + 1);
    message.write(f.prefix, 0, 'utf8');
    f.payload.copy(message, f.prefixBytes);
    message[message.length - 1] = MESSAGE_END;
    ws.send(message, { binary: false });
  }
}

/**
 * Event frames on their way to subscriber sockets, written in one socket write per socket per turn.
 * A TCP send is the dominant cost of fan-out (≈ 20 µs per send on loopback on the benchmark VM,
 * whatever the size), so frames queued for a socket while the outbox works through the others go out
 * together: with spare CPU every frame is written on the next turn of the event loop; under overload
 * the number of sends per second stays bounded by the number of sockets per pass, instead of events
 * queueing up behind each other without end. Each pass yields to I/O every few milliseconds so bus
 * messages keep flowing in.
 */
export class FrameOutbox {
  /** Sockets with frames waiting, in the order they became dirty (a flushed socket goes to the back). */
  readonly #pending = new Map<WebSocket, Pending>();
  #scheduled = false;
  #closed = false;
  /** Socket writes and frames written (metrics, tests). */
  writes = 0;
  frames = 0;

  /** Queues a frame for `ws`; it is written on a later turn, after frames queued before it. */
  enqueue(ws: WebSocket, frame: PendingFrame): void {
    if (this.#closed) return;
    let p = this.#pending.get(ws);
    if (p === undefined) {
      p = { frames: [], bytes: 0 };
      this.#pending.set(ws, p);
    }
    p.frames.push(frame);
    p.bytes += frameBytes(frame);
    this.#schedule();
  }

  /** Bytes queued here for `ws` (not yet handed to the socket). */
  pendingBytes(ws: WebSocket): number {
    return this.#pending.get(ws)?.bytes ?? 0;
  }

  /** Writes what is queued for `ws` now (before a message that must follow it, e.g. `complete`). */
  flush(ws: WebSocket): void {
    const p = this.#pending.get(ws);
    if (p === undefined) return;
    this.#pending.delete(ws);
    this.#write(ws, p);
  }

  /** Drops everything queued; later frames are ignored. */
  close(): void {
    this.#closed = true;
    this.#pending.clear();
  }

  #write(ws: WebSocket, p: Pending): void {
    if (ws.readyState !== ws.OPEN) return;
    const frames = p.frames.filter((f) => f.live());
    if (frames.length === 0) return;
    this.writes++;
    this.frames += frames.length;
    writeTextFrames(ws, frames);
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#run());
  }

  #run(): void {
    this.#scheduled = false;
    const end = performance.now() + TURN_BUDGET_MS;
    let n = 0;
    for (const [ws, p] of this.#pending) {
      this.#pending.delete(ws);
      this.#write(ws, p);
      if ((++n & 63) === 0 && performance.now() > end) break;
    }
    if (this.#pending.size > 0) this.#schedule();
  }
}
