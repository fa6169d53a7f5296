import { describe, expect, it } from 'vitest';
import { json } from '../json.js';
import { serve } from '../serve.js';

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
