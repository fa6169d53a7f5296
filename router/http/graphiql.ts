import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The browser assets, from npm packages (no CDN): GraphiQL 3's UMD bundle (GraphiQL 4+ ships ESM only
 * and needs a bundler) with React 18's UMD builds (React 19 dropped them).
 */
const ASSETS: Readonly<Record<string, { pkg: string; file: string; type: string }>> = {
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
};

const PREFIX = '/graphiql/';

function page(endpoint: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><title>terminus-supergraph · GraphiQL</title>
<link rel="stylesheet" href="${PREFIX}graphiql.min.css">
<style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="${PREFIX}react.production.min.js"></script>
<script src="${PREFIX}react-dom.production.min.js"></script>
<script src="${PREFIX}graphiql.min.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
  const saved = localStorage.getItem('graphiql:headers');
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      defaultHeaders: saved || JSON.stringify({ Authorization: 'Bearer <paste a token from: npx tsx router/cli/token.ts>' }, null, 2),
    }),
  );
</script>
</body>
</html>`;
}

const MISSING = `<!doctype html><meta charset="utf-8"><title>GraphiQL not installed</title>
<p>GraphiQL is served from npm packages, which are not installed. Install <code>graphiql@3 react@18 react-dom@18</code>
(project dependencies; <code>npm ci</code> installs them) and restart the router, or POST GraphQL to this URL.</p>`;

/** Whether a request comes from a browser asking for HTML. */
export function wantsHtml(request: Request): boolean {
  return request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html') && !new URL(request.url).searchParams.has('query');
}

/** Serves the GraphiQL page at `GET <endpoint>` and its assets under `/graphiql/`, from node_modules. */
export function createGraphiQL(endpoint = '/graphql'): { page(): Response; asset(request: Request): Promise<Response | undefined> } {
  const require = createRequire(import.meta.url);
  const root = (pkg: string): string | undefined => {
    try {
      return dirname(require.resolve(`${pkg}/package.json`));
    } catch {
      return undefined;
    }
  };
  const installed = Object.values(ASSETS).every((a) => root(a.pkg) !== undefined);
  const cache = new Map<string, Promise<Buffer>>();
  return {
    page: () => new Response(installed ? page(endpoint) : MISSING, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
    async asset(request) {
      const path = new URL(request.url).pathname;
      if (!path.startsWith(PREFIX)) return undefined;
      const asset = ASSETS[path.slice(PREFIX.length)];
      const dir = asset !== undefined ? root(asset.pkg) : undefined;
      if (asset === undefined || dir === undefined) return new Response('not found', { status: 404 });
      let body = cache.get(asset.file);
      if (body === undefined) {
        body = readFile(join(dir, asset.file));
        cache.set(asset.file, body);
      }
      return new Response(new Uint8Array(await body), { headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' } });
    },
  };
}
