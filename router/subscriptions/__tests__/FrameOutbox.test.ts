import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { FrameOutbox, writeTextFrames, type PendingFrame } from '../FrameOutbox.js';

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
const frame = (payload: Buffer, live = (): boolean => true): PendingFrame => ({ prefix, prefixBytes: Buffer.byteLength(prefix), payload, live });
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
      for (const p of payloads) outbox.enqueue(ws, frame(p));
      outbox.enqueue(ws, frame(Buffer.from('"ended"'), () => false));
      expect(outbox.pendingBytes(ws)).toBeGreaterThan(payloads.reduce((a, p) => a + p.length, 0));
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
      outbox.enqueue(ws, frame(Buffer.from('1')));
      outbox.enqueue(ws, frame(Buffer.from('2')));
      outbox.flush(ws);
      ws.send('complete');
      expect(outbox.pendingBytes(ws)).toBe(0);
    }, 3);
    expect(received).toEqual([`${prefix}1}`, `${prefix}2}`, 'complete']);
  });

  it('ignores frames after close()', async () => {
    const outbox = new FrameOutbox();
    const received = await pair((ws) => {
      outbox.enqueue(ws, frame(Buffer.from('1')));
      outbox.close();
      outbox.enqueue(ws, frame(Buffer.from('2')));
      setTimeout(() => ws.send('end'), 50);
    }, 1);
    expect(received).toEqual(['end']);
  });
});
