import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbedderError } from '../providers/Embedder.js';
import { lexicalEmbedder } from '../providers/lexicalEmbedder.js';
import { openaiEmbedder } from '../providers/openaiEmbedder.js';
import { USE_MODEL, useEmbedder } from '../providers/useEmbedder.js';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

describe('useEmbedder (Universal Sentence Encoder lite, real model)', () => {
  it('ranks related sentences above unrelated ones', async () => {
    const use = await useEmbedder();
    expect(use).toMatchObject({ provider: 'use', model: USE_MODEL, dimensions: 512 });
    const corpus = [
      'Daily revenue of every store, by region',
      'Kubernetes pods restart in a crash loop after the deploy',
      'Customer churn prediction model trained on subscription data',
      'Recipe for a chocolate cake with hazelnuts',
    ];
    const [q1, q2, q3] = await use.embed(['sales per shop and day', 'containers keep crashing in the cluster', 'which subscribers will cancel']);
    const docs = await use.embed(corpus);
    const best = (q: Float32Array | undefined) => docs.map((d, i) => ({ i, s: dot(q as Float32Array, d) })).sort((a, b) => b.s - a.s)[0]?.i;
    expect(best(q1)).toBe(0);
    expect(best(q2)).toBe(1);
    expect(best(q3)).toBe(2);
    expect(dot(docs[0] as Float32Array, docs[0] as Float32Array)).toBeCloseTo(1, 4);
    await use.close?.();
    await expect(use.embed(['after close'])).rejects.toThrow(/USE worker stopped/);
  }, 60_000);

  it('gives the same vectors, in order, whatever the batch size and number of workers; aborts; refuses bad sizes', async () => {
    // Lengths out of order, so the embedder's sorting by length really reorders them.
    const texts = ['Daily revenue of every store, by region and product family', 'Kubernetes pods restart', '', 'Customer churn model trained on subscriptions', 'Cake'];
    const one = await useEmbedder({ batchSize: 32 });
    const two = await useEmbedder({ batchSize: 2, workers: 2 });
    try {
      const [a, b] = await Promise.all([one.embed(texts), two.embed(texts)]);
      expect(b).toHaveLength(texts.length);
      a.forEach((v, i) => expect(dot(v, b[i] as Float32Array), `text ${i}`).toBeCloseTo(1, 4));
      // Each text alone (no batching, no reordering): the batched answers are in the callers' order.
      for (const [i, t] of texts.entries()) expect(dot((await one.embed([t]))[0] as Float32Array, b[i] as Float32Array), `alone ${i}`).toBeCloseTo(1, 4);
      // Not all the same vector: the order is really kept.
      expect(dot(b[0] as Float32Array, b[1] as Float32Array)).toBeLessThan(0.9);
      const controller = new AbortController();
      controller.abort(new Error('cancelled'));
      await expect(two.embed(texts, controller.signal)).rejects.toThrow('cancelled');
    } finally {
      await one.close?.();
      await two.close?.();
    }
    await expect(useEmbedder({ batchSize: 0 })).rejects.toThrow(RangeError);
    await expect(useEmbedder({ workers: 0 })).rejects.toThrow(RangeError);
  }, 60_000);
});

describe('lexicalEmbedder', () => {
  it('is deterministic, unit length, and closer for shared words', async () => {
    const e = lexicalEmbedder(128);
    const [a, b, c, a2] = await e.embed(['fx rates raw', 'raw fx rates table', 'giraffe feeding', 'fx rates raw']);
    expect(Array.from(a as Float32Array)).toEqual(Array.from(a2 as Float32Array));
    expect(dot(a as Float32Array, a as Float32Array)).toBeCloseTo(1, 5);
    expect(dot(a as Float32Array, b as Float32Array)).toBeGreaterThan(dot(a as Float32Array, c as Float32Array));
    expect(e.model).toBe('lexical-ngram-v1-128');
  });
});

describe('openaiEmbedder (against a real HTTP server speaking POST /v1/embeddings)', () => {
  let server: Server;
  let url: string;
  let mode: 'ok' | 'fail' | 'short' | 'shuffled' = 'ok';
  const seen: { auth: string | undefined; body: { model: string; input: string[] } }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        if (req.url !== '/v1/embeddings' || req.method !== 'POST') {
          res.writeHead(404).end();
          return;
        }
        const body = JSON.parse(text) as { model: string; input: string[] };
        seen.push({ auth: req.headers.authorization, body });
        if (mode === 'fail') {
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"overloaded"}}');
          return;
        }
        // A vector of 3 numbers per input, from its length (so order can be checked).
        let data = body.input.map((t, index) => ({ object: 'embedding', index, embedding: [t.length, 1, 0] }));
        if (mode === 'short') data = data.slice(1);
        if (mode === 'shuffled') data = data.reverse();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: body.model }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('learns the dimensions, sends model and key, keeps the order by index, normalises', async () => {
    mode = 'ok';
    const e = await openaiEmbedder({ url, model: 'text-embedding-test', apiKey: 'sk-test', batch: 2 });
    expect(e).toMatchObject({ provider: 'openai', model: 'openai:text-embedding-test', dimensions: 3 });
    mode = 'shuffled';
    const vs = await e.embed(['a', 'bbb', 'cc']);
    expect(vs.map((v) => Math.round((v[0] as number) / (v[1] as number)))).toEqual([1, 3, 2]);
    expect(dot(vs[0] as Float32Array, vs[0] as Float32Array)).toBeCloseTo(1, 5);
    expect(seen.at(-1)).toMatchObject({ auth: 'Bearer sk-test', body: { model: 'text-embedding-test', input: ['cc'] } });
  });

  it('fails with EmbedderError on an error status, a short answer or no server', async () => {
    mode = 'ok';
    const e = await openaiEmbedder({ url: `${url}/v1/embeddings`, model: 'm', dimensions: 3 });
    mode = 'fail';
    await expect(e.embed(['x'])).rejects.toThrow(EmbedderError);
    await expect(e.embed(['x'])).rejects.toThrow(/503/);
    mode = 'short';
    await expect(e.embed(['x', 'y'])).rejects.toThrow(/1 embeddings for 2 inputs/);
    const gone = await openaiEmbedder({ url: 'http://127.0.0.1:1', model: 'm', dimensions: 3 });
    await expect(gone.embed(['x'])).rejects.toThrow(EmbedderError);
  });

  it('refuses vectors of other dimensions than configured', async () => {
    mode = 'ok';
    const e = await openaiEmbedder({ url, model: 'm', dimensions: 4 });
    await expect(e.embed(['x'])).rejects.toThrow(/3 dimensions, expected 4/);
  });
});
