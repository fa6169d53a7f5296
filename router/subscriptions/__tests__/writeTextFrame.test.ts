import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { writeTextFrame } from '../createSubscriptionServer.js';

describe('writeTextFrame', () => {
  it('writes whole text frames a standard client reads, for every length encoding, in order with ws sends', async () => {
    const payloads = [10, 125 - 30, 126, 200, 65_535 - 40, 65_536, 300_000].map((n) => Buffer.from(JSON.stringify({ data: { s: 'é'.repeat(Math.max(0, Math.floor(n / 2) - 20)) } })));
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    const server = createServer();
    server.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        const prefix = '{"id":"ü-1","type":"next","payload":';
        ws.send('first');
        for (const p of payloads) writeTextFrame(ws, prefix, Buffer.byteLength(prefix), p);
        ws.send('last');
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      client.on('message', (data, isBinary) => {
        expect(isBinary).toBe(false);
        received.push(data.toString());
        if (received.length === payloads.length + 2) resolve();
      });
      client.on('error', reject);
    });
    client.close();
    wss.close();
    await new Promise<void>((r) => server.close(() => r()));
    expect(received[0]).toBe('first');
    expect(received.at(-1)).toBe('last');
    received.slice(1, -1).forEach((m, i) => {
      expect(JSON.parse(m)).toEqual({ id: 'ü-1', type: 'next', payload: JSON.parse(payloads[i]!.toString()) });
    });
  });
});
