import http from 'node:http';
import { IDENTITY_HEADER } from '../../lib/index.js';

/** A keep-alive `node:http` client that POSTs GraphQL bodies to `<base>/graphql` with a signed identity. */
export function subgraphClient(base: string, identity: () => string): (body: string) => Promise<{ status: number; text: string }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const url = `${base}/graphql`;
  return (body) =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), [IDENTITY_HEADER]: identity() } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
}
