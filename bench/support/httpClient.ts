import http from 'node:http';

export interface HttpReply {
  readonly status: number;
  readonly text: string;
  readonly headers: http.IncomingHttpHeaders;
}

/**
 * A keep-alive HTTP/1.1 client on `node:http` (what the official client's axios uses), so that
 * benchmarks measure the server rather than the client library. Throws on status ≥ 400.
 */
export function httpClient(base: string, authorization: string): (method: string, path: string, body?: string) => Promise<HttpReply> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return (method, path, body) =>
    new Promise<HttpReply>((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { Authorization: authorization, 'Content-Type': 'application/json' };
      if (body !== undefined) headers['Content-Length'] = Buffer.byteLength(body);
      const req = http.request(`${base}${path}`, { method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 400) reject(new Error(`${method} ${path} → ${status} ${text.slice(0, 300)}`));
          else resolve({ status, text, headers: res.headers });
        });
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
}
