// Root fields, nested links and backlinks, filters, ordering, paging — each operation one TerminusDB request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type CoreHarness } from './harness.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await startCore();
});
afterAll(() => h.close());

/** Data requests (GraphQL reads) made while running `fn`. */
async function countReads<T>(fn: () => Promise<T>): Promise<{ result: T; graphql: number; heads: number }> {
  const before = h.requests.length;
  const result = await fn();
  const made = h.requests.slice(before);
  return { result, graphql: made.filter((r) => r.includes('/api/graphql/')).length, heads: made.filter((r) => r.includes('/api/log/')).length };
}

const seedOf = (type: string): Record<string, unknown>[] => h.seed.filter((d) => d['@type'] === type) as Record<string, unknown>[];

describe('core subgraph reads', () => {
  it('answers every by-id root field, null for unknown ids without errors', async () => {
    const roots = ['accessGrant', 'asset', 'dashboard', 'dataset', 'incident', 'model', 'note', 'organisation', 'person', 'pipeline', 'pipelineRun', 'project', 'tag', 'team', 'transform'];
    const types: Record<string, string> = { accessGrant: 'AccessGrant', dashboard: 'Dashboard', dataset: 'Dataset', incident: 'Incident', model: 'Model', note: 'Note', organisation: 'Organisation', person: 'Person', pipeline: 'Pipeline', pipelineRun: 'PipelineRun', project: 'Project', tag: 'Tag', team: 'Team', transform: 'Transform', asset: 'Dataset' };
    const query = `query { ${roots.map((r) => `${r}: ${r}(id: ${JSON.stringify(String(seedOf(types[r] ?? '')[0]?.['@id']))}) { __typename id } missing_${r}: ${r}(id: "${types[r]}/nope") { id }`).join(' ')} }`;
    const { result, graphql } = await countReads(() => h.gql(query));
    expect(result.body.errors).toBeUndefined();
    for (const r of roots) {
      expect(result.body.data[r]?.id).toBe(seedOf(types[r] ?? '')[0]?.['@id']);
      expect(result.body.data[`missing_${r}`]).toBeNull();
    }
    expect(result.body.data.asset.__typename).toBe('Dataset');
    expect(graphql).toBe(1);
  });

  it('answers every connection root field with totalCount equal to the seed', async () => {
    const many: Record<string, string> = { accessGrants: 'AccessGrant', dashboards: 'Dashboard', datasets: 'Dataset', incidents: 'Incident', models: 'Model', notes: 'Note', organisations: 'Organisation', people: 'Person', pipelineRuns: 'PipelineRun', pipelines: 'Pipeline', projects: 'Project', tags: 'Tag', teams: 'Team', transforms: 'Transform' };
    const query = `{ ${Object.keys(many).map((f) => `${f}(first: 2) { totalCount nodes { id } edges { cursor } pageInfo { hasNextPage hasPreviousPage } }`).join(' ')} assets(first: 1) { totalCount } }`;
    const { result, graphql } = await countReads(() => h.gql(query));
    expect(result.body.errors).toBeUndefined();
    for (const [f, t] of Object.entries(many)) {
      const c = result.body.data[f];
      expect(c.totalCount).toBe(seedOf(t).length);
      expect(c.nodes).toHaveLength(Math.min(2, seedOf(t).length));
      expect(c.pageInfo.hasPreviousPage).toBe(false);
    }
    const assets = ['Dashboard', 'Dataset', 'Model', 'Pipeline', 'Transform'].reduce((n, t) => n + seedOf(t).length, 0);
    expect(result.body.data.assets.totalCount).toBe(assets);
    expect(graphql).toBe(1);
  });

  it('maps nested links, unions, subdocuments, enums and backlinks', async () => {
    const ds = seedOf('Dataset').find((d) => Array.isArray(d['columns']) && seedOf('Transform').some((t) => (t['inputs'] as string[] | undefined)?.includes(String(d['@id']))));
    const id = String(ds?.['@id']);
    const r = await h.gql(`query($id: ID!) { dataset(id: $id) { id status format sensitivity
      owner { __typename ... on Team { id slug } ... on Person { id handle } }
      project { id organisation { id } }
      columns(first: 100) { totalCount nodes { name type nullable } }
      consumers { totalCount nodes { id language inputs(first: 50) { nodes { id } } } }
      self: tags(first: 1) { nodes { id } } } }`, { id });
    expect(r.body.errors).toBeUndefined();
    const d = r.body.data.dataset;
    expect(d.id).toBe(id);
    expect(d.status).toBe(String(ds?.['status']).toUpperCase());
    expect(d.columns.totalCount).toBe((ds?.['columns'] as unknown[]).length);
    expect(d.columns.nodes[0].name).toBe((ds?.['columns'] as { name: string }[])[0]?.name);
    const consumers = seedOf('Transform').filter((t) => (t['inputs'] as string[] | undefined)?.includes(id));
    expect(d.consumers.totalCount).toBe(consumers.length);
    for (const c of d.consumers.nodes) expect(c.inputs.nodes.map((n: { id: string }) => n.id)).toContain(id);
    const owner = ds?.['owner'] as { team?: string; person?: string };
    expect(d.owner.id).toBe(owner.team ?? owner.person);
  });

  it('answers type-specific fragments on the Asset interface', async () => {
    const r = await h.gql(`{ assets(first: 200) { nodes { __typename id name ... on Dataset { path } ... on Dashboard { url } ... on Pipeline { slug trigger { __typename } } } } }`);
    expect(r.body.errors).toBeUndefined();
    const nodes = r.body.data.assets.nodes as Record<string, unknown>[];
    expect(new Set(nodes.map((n) => n['__typename'])).size).toBeGreaterThan(1);
    for (const n of nodes) {
      if (n['__typename'] === 'Dataset') expect(typeof n['path']).toBe('string');
      if (n['__typename'] === 'Dashboard') expect(typeof n['url']).toBe('string');
      if (n['__typename'] === 'Pipeline') expect(n['trigger']).not.toBeNull();
    }
  });

  it('filters with operators, _and/_or/_not, links, collections and enums', async () => {
    const people = seedOf('Person');
    const active = people.filter((p) => p['active'] === true).length;
    const r = await h.gql(`{ a: people(filter: {active: {eq: true}}) { totalCount }
      b: people(filter: {_not: {active: {eq: true}}}) { totalCount }
      c: people(filter: {_or: [{active: {eq: true}}, {active: {eq: false}}]}) { totalCount }
      d: datasets(filter: {status: {eq: ACTIVE}}) { totalCount nodes { status } }
      e: datasets(filter: {tags: {someHave: {name: {eq: "gdpr"}}}}) { totalCount nodes { tags(first: 50) { nodes { name } } } }
      f: datasets(filter: {owner: {team: {slug: {startsWith: "acme"}}}}) { totalCount } }`);
    expect(r.body.errors).toBeUndefined();
    const data = r.body.data;
    expect(data.a.totalCount).toBe(active);
    expect(data.b.totalCount).toBe(people.length - active);
    expect(data.c.totalCount).toBe(people.length);
    expect(data.d.totalCount).toBe(seedOf('Dataset').filter((d) => d['status'] === 'active').length);
    for (const n of data.d.nodes) expect(n.status).toBe('ACTIVE');
    for (const n of data.e.nodes) expect(n.tags.nodes.map((t: { name: string }) => t.name)).toContain('gdpr');
    expect(data.f.totalCount).toBeGreaterThan(0);
  });

  it('orders by several keys and pages with cursors to the end', async () => {
    const all = seedOf('Dataset').map((d) => [String(d['name']), String(d['path'])] as const);
    const expected = [...all].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? 1 : x[1] > y[1] ? -1 : 0)).map((x) => x[1]);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const r = await h.gql(`query($after: String) { datasets(first: 7, after: $after, orderBy: [{name: ASC}, {path: DESC}]) { edges { cursor node { path } } pageInfo { hasNextPage endCursor hasPreviousPage } } }`, { after });
      expect(r.body.errors).toBeUndefined();
      const c = r.body.data.datasets;
      seen.push(...c.edges.map((e: { node: { path: string } }) => e.node.path));
      expect(c.pageInfo.hasPreviousPage).toBe(page > 0);
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('shares one request between root fields of an operation', async () => {
    const { result, graphql, heads } = await countReads(() => h.gql('{ a: tags(first: 1) { totalCount } b: teams(first: 1) { totalCount } c: person(id: "Person/x") { id } }'));
    expect(result.body.errors).toBeUndefined();
    expect(graphql).toBe(1);
    expect(heads).toBeLessThanOrEqual(1);
  });
});
