/**
 * Serves the four benchmark subgraphs in this process (lib `serve`, `@apollo/subgraph`) and prints
 * `{"subgraphs": {name: url}}` on stdout. They accept calls with or without a router identity.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type DocumentNode } from 'graphql/index.js';
import { json, serve, type Served } from '../../../lib/index.js';
import { RESOLVERS } from './resolvers.js';
import { SDL, type SubgraphName } from './schemas.js';

const urls: Record<string, string> = {};
const servers: Served[] = [];
for (const name of Object.keys(SDL) as SubgraphName[]) {
  const schema = buildSubgraphSchema([{ typeDefs: parse(SDL[name]), resolvers: RESOLVERS[name] as never }]);
  const documents = new Map<string, DocumentNode>();
  const served = await serve(async (request) => {
    if (new URL(request.url).pathname === '/readyz') return json({ status: 'ready' });
    const body = (await request.json()) as { query: string; variables?: Record<string, unknown>; operationName?: string };
    let document = documents.get(body.query);
    if (document === undefined) {
      document = parse(body.query);
      documents.set(body.query, document);
    }
    return json(await execute({ schema, document, variableValues: body.variables ?? {}, operationName: body.operationName ?? null }));
  });
  servers.push(served);
  urls[name] = `${served.url}/graphql`;
}
console.log(JSON.stringify({ subgraphs: urls }));
process.on('SIGTERM', () => void Promise.all(servers.map((s) => s.close())).then(() => process.exit(0)));
