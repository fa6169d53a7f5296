/**
 * The baseline: a plain `@apollo/gateway` behind `@apollo/server`'s standalone server, on the same
 * supergraph. `SUPERGRAPH=<file> npx tsx bench/router/plainGateway.ts` prints `{"url": …}`.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const gateway = new ApolloGateway({ supergraphSdl: readFileSync(process.env['SUPERGRAPH'] ?? 'supergraph.graphql', 'utf8') });
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
console.log(JSON.stringify({ url }));
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
