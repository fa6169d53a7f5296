import { loadOrCreateDevSecrets, mintDevToken } from '../router/index.js';
import { Terminus, terminusSettingsFromEnv } from '../lib/index.js';
import { bootstrapDatabase } from './bootstrap.js';
import { natsServerAvailable, startNatsServer } from './nats.js';
import { type Child, startChild, urlFromLine } from './processes.js';

/**
 * `npm start`: the whole supergraph on one machine, each part in its own process as in production:
 * the Data-Kernel (unless TERMINUSDB_URL is set), the database bootstrapped (ontology + demo seed when
 * empty), the audit (commit relay), core, embedding and scheduler subgraphs, and the router on PORT (default 4000). Prints the URLs and a dev token;
 * Ctrl-C stops everything cleanly.
 */
export async function start(): Promise<void> {
  const children: Child[] = [];
  let stopping = false;
  const stopAll = async (code: number): Promise<never> => {
    stopping = true;
    for (const c of [...children].reverse()) await c.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  try {
    const env: NodeJS.ProcessEnv = {};
    if ((process.env['TERMINUSDB_URL'] ?? '') === '') {
      const { child, value } = await startChild('kernel', 'kernel/main.ts', {}, urlFromLine, { quiet: true });
      children.push(child);
      env['TERMINUSDB_URL'] = value;
    }
    if ((process.env['NATS_URL'] ?? '') === '' && natsServerAvailable()) {
      const nats = await startNatsServer(Number(process.env['NATS_PORT'] ?? 4222), '.data/nats');
      children.push(nats.child);
      env['NATS_URL'] = nats.url;
    }
    const settings = terminusSettingsFromEnv({ ...process.env, ...env });
    env['TERMINUSDB_URL'] = settings.url;
    env['TERMINUSDB_DB'] = settings.db;
    const boot = await bootstrapDatabase(new Terminus(settings));
    const secrets = await loadOrCreateDevSecrets();
    const identityKey = process.env['ROUTER_IDENTITY_KEY'] ?? secrets.identityKey;
    env['ROUTER_IDENTITY_KEY'] = identityKey;
    // The audit subgraph runs the commit relay; events go to NATS_URL, or stay in its process.
    const audit = await startChild('audit', 'subgraphs/audit/main.ts', env, urlFromLine, { quiet: true });
    children.push(audit.child);
    const core = await startChild('core', 'subgraphs/core/main.ts', { ...env, AUDIT_NUDGE_URL: `${audit.value}/nudge` }, urlFromLine, { quiet: true });
    children.push(core.child);
    // Embedding: USE lite, index files in .data/embedding, kept in step with commits over NATS.
    const embedding = await startChild('embedding', 'subgraphs/embedding/main.ts', env, urlFromLine, { quiet: true });
    children.push(embedding.child);
    const scheduler = await startChild('scheduler', 'subgraphs/scheduler/main.ts', { ...env, EMBEDDING_SERVICE_URL: embedding.value }, urlFromLine, { quiet: true });
    children.push(scheduler.child);
    const router = await startChild(
      'router',
      'router/main.ts',
      { ...env, SUPERGRAPH: process.env['SUPERGRAPH'] ?? 'supergraph.graphql', PORT: process.env['PORT'] ?? '4000' },
      (line) => (line.includes('router listening') ? urlFromLine(line) : undefined),
      { quiet: true },
    );
    children.push(router.child);
    for (const c of children) {
      c.process.once('exit', (code) => {
        if (stopping) return;
        console.error(`${c.name} stopped unexpectedly (code ${code}); stopping everything`);
        void stopAll(1);
      });
    }
    const token = await mintDevToken({ secret: process.env['JWT_SECRET'] ?? secrets.jwtSecret, sub: 'dev', scopes: ['read', 'write', 'pii:read', 'access:read'] });
    console.log(
      [
        '',
        `  Supergraph   ${router.value}   (GraphiQL in a browser)`,
        `  Core         ${core.value}`,
        `  Embedding    ${embedding.value}   (semanticSearch, similar; USE lite; ${env['NATS_URL'] !== undefined ? 'kept in step via NATS' : 'synced at start only without NATS'}; npm run embed:backfill)`,
        `  Scheduler    ${scheduler.value}   (jobs: cron, on-commit, retries, dead letters)`,
        `  Audit        ${audit.value}   (commit events: ${env['NATS_URL'] ?? process.env['NATS_URL'] ?? 'in-process only — install nats-server or set NATS_URL for JetStream and subscriptions'})`,
        `  Subscribe    ${router.value.replace(/^http/, 'ws')}   (graphql-ws: subscription { commitAdded { cursor commit { id message } } })`,
        `  TerminusDB   ${settings.url}   db ${settings.organization}/${settings.db}${boot.created ? ' (created' : ' (existing'}${boot.seeded > 0 ? `, ${boot.seeded} demo documents)` : ')'}`,
        '',
        `  Dev token (read, write, pii:read, access:read; 1 h):`,
        `  Authorization: Bearer ${token}`,
        '',
        `  curl -s ${router.value} -H 'content-type: application/json' -H 'authorization: Bearer <token>' \\`,
        `    -d '{"query":"{ datasets(first: 3) { totalCount nodes { name owner { __typename } } } }"}'`,
        '',
        '  Ctrl-C stops everything.',
      ].join('\n'),
    );
  } catch (err) {
    console.error(`supergraph: start failed: ${(err as Error).message}`);
    await stopAll(1);
  }
}
