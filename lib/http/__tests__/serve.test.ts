import { describe, expect, it } from 'vitest';
import { json } from '../json.js';
import { BodyTooLargeError, serve } from '../serve.js';

describe('serve', () => {
  it('serves a fetch handler with bodies and headers both ways', async () => {
    await using s = await serve(async (req) => json({ method: req.method, path: new URL(req.url).pathname, body: await req.text(), h: req.headers.get('x-a') }, 201, { 'x-b': '2' }));
    const res = await fetch(`${s.url}/p?q=1`, { method: 'POST', body: 'hello', headers: { 'x-a': '1' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-b')).toBe('2');
    expect(await res.json()).toEqual({ method: 'POST', path: '/p', body: 'hello', h: '1' });
  });

  it('answers 500 JSON when the handler throws, and keeps serving', async () => {
    let n = 0;
    await using s = await serve(async () => {
      if (n++ === 0) throw new Error('boom');
      return json({ ok: true });
    }, { onError: () => undefined });
    expect((await fetch(s.url)).status).toBe(500);
    expect(await (await fetch(s.url)).json()).toEqual({ ok: true });
  });

  it('drains an in-flight request on close', async () => {
    const s = await serve(async () => {
      await new Promise((r) => setTimeout(r, 100));
      return json({ done: true });
    });
    const pending = fetch(s.url).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 20));
    await s.close();
    expect(await pending).toEqual({ done: true });
  });
});

describe('serve: raw handlers', () => {
  it('answers from the raw handler when it takes the request, from the fetch handler otherwise', async () => {
    await using s = await serve(async (req) => json({ via: 'fetch', path: new URL(req.url).pathname }), {
      raw: (req) => (req.method === 'POST' && req.url.startsWith('/raw') ? req.text().then((body) => ({ status: 201, headers: { 'content-type': 'text/plain', 'x-h': String(req.headers['x-a']) }, body: `raw ${req.url} ${body} é` })) : undefined),
    });
    const raw = await fetch(`${s.url}/raw?q=1`, { method: 'POST', body: 'hello', headers: { 'x-a': '1' } });
    expect(raw.status).toBe(201);
    expect(raw.headers.get('x-h')).toBe('1');
    expect(raw.headers.get('content-length')).toBe(String(Buffer.byteLength('raw /raw?q=1 hello é')));
    expect(await raw.text()).toBe('raw /raw?q=1 hello é');
    expect(await (await fetch(`${s.url}/other`, { method: 'POST', body: 'x' })).json()).toEqual({ via: 'fetch', path: '/other' });
  });

  it('refuses bodies over the limit (declared or streamed) with BodyTooLargeError and keeps serving', async () => {
    const seen: unknown[] = [];
    await using s = await serve(async () => json({}), {
      raw: (req) =>
        req.text(10).then(
          (body) => ({ status: 200, headers: {}, body }),
          (err: unknown) => {
            seen.push(err);
            return { status: 413, headers: {}, body: (err as Error).message };
          },
        ),
    });
    const declared = await fetch(s.url, { method: 'POST', body: 'x'.repeat(11) });
    expect(declared.status).toBe(413);
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 4; i++) c.enqueue(new TextEncoder().encode('abcd'));
        c.close();
      },
    });
    const streamed = await fetch(s.url, { method: 'POST', body: chunks, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.text()).toBe('request body is larger than 10 bytes');
    expect(seen.every((e) => e instanceof BodyTooLargeError)).toBe(true);
    expect(seen).toHaveLength(2);
    expect(await (await fetch(s.url, { method: 'POST', body: 'short' })).text()).toBe('short');
  });

  it('answers 500 JSON when the raw handler fails', async () => {
    await using s = await serve(async () => json({}), { raw: () => Promise.reject(new Error('boom')), onError: () => undefined });
    const res = await fetch(s.url, { method: 'POST', body: '{}' });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('serve: response bodies', () => {
  it('sends a one-chunk body with its content-length', async () => {
    await using s = await serve(async () => new Response('{"a":"é"}', { headers: { 'content-type': 'application/json' } }));
    const res = await fetch(s.url);
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength('{"a":"é"}')));
    expect(await res.json()).toEqual({ a: 'é' });
  });

  it('streams a body chunk by chunk: the first chunk reaches the client before the body ends', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((r) => (release = r));
    await using s = await serve(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            async start(c) {
              c.enqueue(new TextEncoder().encode('one\n'));
              await released; // only after the client has read the first line
              c.enqueue(new TextEncoder().encode('two\n'));
              c.enqueue(new TextEncoder().encode('three\n'));
              c.close();
            },
          }),
        ),
    );
    const res = await fetch(s.url);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toBe('one\n');
    release();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text).toBe('one\ntwo\nthree\n');
  });

  it('cancels a streamed body when the client goes away', async () => {
    let cancelled: (reason: unknown) => void = () => undefined;
    const wasCancelled = new Promise((r) => (cancelled = r));
    await using s = await serve(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(new TextEncoder().encode('first\n'));
            },
            cancel(reason) {
              cancelled(reason ?? 'cancelled');
            },
          }),
        ),
      { drainMs: 50 },
    );
    const abort = new AbortController();
    const res = await fetch(s.url, { signal: abort.signal });
    await res.body!.getReader().read();
    abort.abort();
    expect(await wasCancelled).toBeDefined();
  });
});
