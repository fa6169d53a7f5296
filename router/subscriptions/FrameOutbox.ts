import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** One graphql-ws `next` message: `prefix` + `payload` + `}`. */
export interface PendingFrame {
  /** `{"id":…,"type":"next","payload":` of the subscription ({@link nextPrefix}). */
  readonly prefix: Buffer;
  /** The serialized execution result (shared by every subscriber of a group). */
  readonly payload: Buffer;
}

/** `}`: closes a `next` message around its payload. */
const MESSAGE_END = 0x7d;

/** Sockets written per turn of the event loop before the outbox yields to I/O (bus messages, pings). */
const TURN_BUDGET_MS = 5;

/**
 * The bytes before the payload of a subscription's `next` messages, encoded once. Unpooled: a small
 * pooled Buffer kept per subscriber would pin an 8 KiB pool slab each.
 */
export function nextPrefix(id: string): Buffer {
  const text = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  const out = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  out.write(text, 0, 'utf8');
  return out;
}

/** The TCP socket under a `ws` WebSocket (not public API; present in ws 8). */
function rawSocket(ws: WebSocket): Duplex | undefined {
  const socket = (ws as unknown as { _socket?: Duplex })._socket;
  return socket !== undefined && typeof socket.write === 'function' ? socket : undefined;
}

/** Bytes of the unmasked WebSocket text frame (header included) carrying one message. */
function frameBytes(f: PendingFrame): number {
  const length = f.prefix.length + f.payload.length + 1;
  return length + (length < 126 ? 2 : length < 65_536 ? 4 : 10);
}

/** Writes one message as a complete text frame at `at` in `out`; returns the offset after it. */
function encodeFrame(f: PendingFrame, out: Buffer, at: number): number {
  const length = f.prefix.length + f.payload.length + 1;
  let o = at;
  out[o++] = 0x81; // FIN + text
  if (length < 126) out[o++] = length;
  else if (length < 65_536) {
    out[o++] = 126;
    out[o++] = length >>> 8;
    out[o++] = length & 0xff;
  } else {
    out[o++] = 127;
    out.writeUInt32BE(Math.floor(length / 2 ** 32), o);
    out.writeUInt32BE(length >>> 0, o + 4);
    o += 8;
  }
  out.set(f.prefix, o);
  o += f.prefix.length;
  out.set(f.payload, o);
  o += f.payload.length;
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
    const message = Buffer.allocUnsafe(f.prefix.length + f.payload.length + 1);
    message.set(f.prefix, 0);
    message.set(f.payload, f.prefix.length);
    message[message.length - 1] = MESSAGE_END;
    ws.send(message, { binary: false });
  }
}

/** A subscription whose frames go through the outbox. */
export interface FrameOwner {
  /** `{"id":…,"type":"next","payload":` of the subscription ({@link nextPrefix}). */
  readonly prefix: Buffer;
  /** True once the subscription has ended: its queued frames are dropped unwritten. */
  readonly ended: boolean;
  /** Called (once per pass) when the socket has more than the outbox's `maxBuffered` bytes unsent. */
  slow(): void;
}

/** The frames queued for one socket: owner, payload, owner, payload, … */
export class OutboxSlot {
  readonly items: (FrameOwner | Buffer)[] = [];
  dirty = false;
  constructor(readonly ws: WebSocket) {}
}

/**
 * Event frames on their way to subscriber sockets, written in one socket write per socket per pass.
 * A TCP send is the dominant cost of fan-out (≈ 20 µs per send on loopback on the benchmark VM,
 * whatever the size), so frames queued for a socket while the outbox works through the others go out
 * together: with spare CPU every frame is written on the next turn of the event loop; under overload
 * the number of sends per second stays bounded by the number of sockets per pass, instead of events
 * queueing up behind each other without end. Each pass yields to I/O every few milliseconds so bus
 * messages keep flowing in. Queueing touches only the subscriber's slot (no lookup, no socket state):
 * socket checks (open, unsent bytes) happen once per write.
 */
export class FrameOutbox {
  readonly #slots = new WeakMap<WebSocket, OutboxSlot>();
  /** Slots with frames waiting, in the order they became dirty (a written slot goes to the back). */
  #dirty: OutboxSlot[] = [];
  #next = 0;
  #scheduled = false;
  #closed = false;
  /** Socket writes and frames written (metrics, tests). */
  writes = 0;
  frames = 0;

  /** @param maxBuffered bytes a socket may have unsent (in the socket and queued here) before its owners are told they are slow. */
  constructor(readonly maxBuffered = 8 * 2 ** 20) {}

  /** The slot of a socket (one per socket, shared by its subscriptions). */
  slot(ws: WebSocket): OutboxSlot {
    let slot = this.#slots.get(ws);
    if (slot === undefined) {
      slot = new OutboxSlot(ws);
      this.#slots.set(ws, slot);
    }
    return slot;
  }

  /** Queues a `next` message for `owner` on the slot's socket; written on a later turn, after those queued before it. */
  enqueue(slot: OutboxSlot, owner: FrameOwner, payload: Buffer): void {
    if (this.#closed) return;
    slot.items.push(owner, payload);
    if (!slot.dirty) {
      slot.dirty = true;
      this.#dirty.push(slot);
      this.#schedule();
    }
  }

  /** Writes what is queued for the socket now (before a message that must follow it, e.g. `complete`). */
  flush(ws: WebSocket): void {
    const slot = this.#slots.get(ws);
    if (slot !== undefined && slot.items.length > 0) this.#write(slot);
  }

  /** Drops everything queued; later frames are ignored. */
  close(): void {
    this.#closed = true;
    for (const slot of this.#dirty) this.#take(slot);
    this.#dirty = [];
  }

  #take(slot: OutboxSlot): (FrameOwner | Buffer)[] {
    return slot.items.splice(0);
  }

  #write(slot: OutboxSlot): void {
    const ws = slot.ws;
    const items = this.#take(slot);
    if (ws.readyState !== ws.OPEN) return;
    let queuedBytes = 0;
    for (let i = 0; i < items.length; i += 2) queuedBytes += (items[i] as FrameOwner).prefix.length + (items[i + 1] as Buffer).length + 11;
    if (ws.bufferedAmount + queuedBytes > this.maxBuffered) {
      const owners = new Set<FrameOwner>();
      for (let i = 0; i < items.length; i += 2) if (!(items[i] as FrameOwner).ended) owners.add(items[i] as FrameOwner);
      for (const owner of owners) owner.slow();
      return;
    }
    const frames: PendingFrame[] = [];
    for (let i = 0; i < items.length; i += 2) {
      const owner = items[i] as FrameOwner;
      if (!owner.ended) frames.push({ prefix: owner.prefix, payload: items[i + 1] as Buffer });
    }
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
    const dirty = this.#dirty;
    let i = this.#next;
    while (i < dirty.length) {
      const slot = dirty[i++] as OutboxSlot;
      slot.dirty = false;
      if (slot.items.length > 0) this.#write(slot);
      if ((i & 63) === 0 && performance.now() > end) break;
    }
    if (i < dirty.length) {
      // Under sustained overload the pass never reaches the end: drop the written head now and then.
      if (i > 4_096 && i * 2 > dirty.length) {
        dirty.splice(0, i);
        i = 0;
      }
      this.#next = i;
      this.#schedule();
    } else {
      this.#dirty = [];
      this.#next = 0;
    }
  }
}
