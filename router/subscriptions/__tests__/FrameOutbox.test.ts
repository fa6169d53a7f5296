import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { FrameOutbox, nextPrefix, writeTextFrames, type FrameOwner, type PendingFrame } from '../FrameOutbox.js';

/** A ws server whose connection handler gets the server-side socket; a client that collects messages. */
async function pair(onServer: (ws: WebSocket) => void, expected: number): Promise<string[]> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const server = createServer();
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, onServer));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const received: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      client.on('message', (data, isBinary) => {
        if (isBinary) reject(new Error('binary frame'));
        received.push(data.toString());
        if (received.length === expected) resolve();
      });
      client.on('error', reject);
      setTimeout(() => reject(new Error(`received ${received.length} of ${expected}`)), 5_000);
    });
  } finally {
    client.close();
    wss.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
  return received;
}

const prefix = '{"id":"ü-1","type":"next","payload":';
const frame = (payload: Buffer): PendingFrame => ({ prefix: nextPrefix('ü-1'), payload });
const owner = (over: Partial<FrameOwner> = {}): FrameOwner & { slowCalls: number } => {
  const o = { prefix: nextPrefix('ü-1'), ended: false, slowCalls: 0, slow: () => void o.slowCalls++, ...over };
  return o;
};
const payloads = [10, 125 - 30, 126, 200, 65_535 - 40, 65_536, 300_000].map((n) => Buffer.from(JSON.stringify({ data: { s: 'é'.repeat(Math.max(0, Math.floor(n / 2) - 20)) } })));

describe('writeTextFrames', () => {
  it('writes whole text frames a standard client reads, for every length encoding, in order with ws sends', async () => {
    const received = await pair((ws) => {
      ws.send('first');
      writeTextFrames(ws, payloads.slice(0, 3).map((p) => frame(p)));
      for (const p of payloads.slice(3)) writeTextFrames(ws, [frame(p)]);
      ws.send('last');
    }, payloads.length + 2);
    expect(received[0]).toBe('first');
    expect(received.at(-1)).toBe('last');
    received.slice(1, -1).forEach((m, i) => {
      expect(JSON.parse(m)).toEqual({ id: 'ü-1', type: 'next', payload: JSON.parse(payloads[i]!.toString()) });
    });
  });
});

describe('FrameOutbox', () => {
  it('writes frames queued in one turn in one socket write, in order, and drops those of ended subscriptions', async () => {
    const outbox = new FrameOutbox();
    const received = await pair((ws) => {
      ws.send('first');
      outbox.flush(ws); // nothing queued: nothing written
      const slot = outbox.slot(ws);
      expect(outbox.slot(ws)).toBe(slot);
      const live = owner();
      for (const p of payloads) outbox.enqueue(slot, live, p);
      outbox.enqueue(slot, owner({ ended: true }), Buffer.from('"ended"'));
      setTimeout(() => ws.send('last'), 50);
    }, payloads.length + 2);
    expect(received[0]).toBe('first');
    expect(received.at(-1)).toBe('last');
    expect(received.slice(1, -1).map((m) => (JSON.parse(m) as { payload: unknown }).payload)).toEqual(payloads.map((p) => JSON.parse(p.toString()) as unknown));
    expect(outbox.writes).toBe(1);
    expect(outbox.frames).toBe(payloads.length);
  });

  it('flush() writes what is queued before a message that must follow it', async () => {
    const outbox = new FrameOutbox();
    const received = await pair((ws) => {
      const slot = outbox.slot(ws);
      const o = owner();
      outbox.enqueue(slot, o, Buffer.from('1'));
      outbox.enqueue(slot, o, Buffer.from('2'));
      outbox.flush(ws);
      ws.send('complete');
      expect(slot.items).toEqual([]);
    }, 3);
    expect(received).toEqual([`${prefix}1}`, `${prefix}2}`, 'complete']);
  });

  it('tells the owners of a socket with too many unsent bytes that they are slow, and writes nothing', async () => {
    const outbox = new FrameOutbox(1_000);
    const a = owner();
    const b = owner();
    const received = await pair((ws) => {
      const slot = outbox.slot(ws);
      outbox.enqueue(slot, a, Buffer.alloc(600, 0x31));
      outbox.enqueue(slot, b, Buffer.alloc(600, 0x31));
      outbox.enqueue(slot, a, Buffer.alloc(10, 0x31));
      setTimeout(() => ws.send('end'), 50);
    }, 1);
    expect(received).toEqual(['end']);
    expect([a.slowCalls, b.slowCalls]).toEqual([1, 1]);
    expect(outbox.writes).toBe(0);
  });

  it('ignores frames after close()', async () => {
    const outbox = new FrameOutbox();
    const received = await pair((ws) => {
      const slot = outbox.slot(ws);
      outbox.enqueue(slot, owner(), Buffer.from('1'));
      outbox.close();
      outbox.enqueue(slot, owner(), Buffer.from('2'));
      setTimeout(() => ws.send('end'), 50);
    }, 1);
    expect(received).toEqual(['end']);
  });
});
