// Mutations: authored commits with trailers, exact commit ids, SCHEMA_VIOLATION with nothing committed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type CoreHarness } from './harness.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await startCore();
});
afterAll(() => h.close());

interface LogEntry {
  identifier: string;
  author: string;
  message: string;
}

async function log(count = 5, branch = 'main'): Promise<LogEntry[]> {
  return (await h.client.dispatch('GET', `${h.kernel.url}/api/log/admin/${h.db}/local/branch/${branch.replaceAll('/', '~')}?count=${count}`, {}, false)) as LogEntry[];
}

const project = (): string => String(h.seed.find((d) => d['@type'] === 'Project')?.['@id']);
const team = (): string => String(h.seed.find((d) => d['@type'] === 'Team')?.['@id']);

describe('core subgraph writes', () => {
  it('creates with author, message, trailers and the exact commit id', async () => {
    const r = await h.gql(`mutation { createTag(input: {name: "w-created", color: "red"}, message: "add a tag") { branch commitId id node { id name color } } }`);
    expect(r.body.errors).toBeUndefined();
    const p = r.body.data.createTag;
    expect(p.id).toBe('Tag/w-created');
    expect(p.node).toEqual({ id: 'Tag/w-created', name: 'w-created', color: 'red' });
    const [head] = await log(1);
    expect(head?.identifier).toBe(p.commitId);
    expect(head?.author).toBe('tester@core');
    expect(head?.message).toMatch(/^\[core\] add a tag\n\nTrace-Id: 4bf92f3577b34da6a3ce929d0e0e4736\nUser-Sid: tester\n/);
  });

  it('updates with a merge patch (absent kept, null removed) and replaces whole', async () => {
    const u = await h.gql(`mutation { updateTag(id: "Tag/w-created", patch: {color: null, description: "d"}) { commitId node { name color description } } }`);
    expect(u.body.errors).toBeUndefined();
    expect(u.body.data.updateTag.node).toEqual({ name: 'w-created', color: null, description: 'd' });
    expect((await log(1))[0]?.identifier).toBe(u.body.data.updateTag.commitId);
    const rep = await h.gql(`mutation { replaceTag(id: "Tag/w-created", input: {name: "w-created", color: "blue"}) { node { color description } } }`);
    expect(rep.body.errors).toBeUndefined();
    expect(rep.body.data.replaceTag.node).toEqual({ color: 'BLUE'.toLowerCase(), description: null });
  });

  it('creates documents with enums, unions, subdocuments and links', async () => {
    const r = await h.gql(`mutation($p: ID!, $t: ID!) { createDataset(input: {name: "W", path: "w.x.y", format: PARQUET, status: DRAFT, sensitivity: INTERNAL,
        createdAt: "2024-05-01T00:00:00Z", owner: {team: $t}, project: $p, rowCount: "12345678901234", columns: [{name: "a", type: STRING, nullable: false}]}) {
        id node { format owner { __typename ... on Team { id } } rowCount columns { nodes { name type } } } } }`, { p: project(), t: team() });
    expect(r.body.errors).toBeUndefined();
    const n = r.body.data.createDataset.node;
    expect(r.body.data.createDataset.id).toBe('Dataset/w.x.y');
    expect(n.format).toBe('PARQUET');
    expect(n.owner).toEqual({ __typename: 'Team', id: team() });
    expect(n.columns.nodes).toEqual([{ name: 'a', type: 'STRING' }]);
  });

  it('reports a schema violation with witnesses and commits nothing', async () => {
    const before = (await log(1))[0]?.identifier;
    const r = await h.gql(`mutation($p: ID!) { createPipeline(input: {name: "bad", slug: "bad-one", status: DRAFT, sensitivity: INTERNAL, createdAt: "2024-05-01T00:00:00Z", owner: {team: "Team/nope"}, project: $p, trigger: {manual: true}}) { id } }`, { p: project() });
    expect(r.body.errors[0].extensions.code).toBe('SCHEMA_VIOLATION');
    expect(Array.isArray(r.body.errors[0].extensions.witnesses)).toBe(true);
    expect(r.body.errors[0].extensions.witnesses.length).toBeGreaterThan(0);
    expect((await log(1))[0]?.identifier).toBe(before);
  });

  it('deletes, and answers NOT_FOUND / CONFLICT for missing or existing documents', async () => {
    const d = await h.gql(`mutation { deleteTag(id: "Tag/w-created") { commitId deletedIds } }`);
    expect(d.body.errors).toBeUndefined();
    expect(d.body.data.deleteTag.deletedIds).toEqual(['Tag/w-created']);
    expect((await log(1))[0]?.identifier).toBe(d.body.data.deleteTag.commitId);
    const again = await h.gql(`mutation { deleteTag(id: "Tag/w-created") { commitId } }`);
    expect(again.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const wrong = await h.gql(`mutation($p: ID!) { deleteTag(id: $p) { commitId } }`, { p: project() });
    expect(wrong.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const upd = await h.gql(`mutation { updateTag(id: "Tag/nope", patch: {color: "x"}) { commitId } }`);
    expect(upd.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const existing = String(h.seed.find((x) => x['@type'] === 'Tag')?.['name']);
    const dup = await h.gql(`mutation($n: String!) { createTag(input: {name: $n}) { id } }`, { n: existing });
    expect(dup.body.errors[0].extensions.code).toBe('CONFLICT');
  });

  it('applies many changes as one commit, or none on a violation', async () => {
    const tags = h.seed.filter((x) => x['@type'] === 'Tag').map((x) => String(x['@id']));
    const r = await h.gql(`mutation($u: ID!, $d: ID!) { commit(message: "batch", changes: [
        {tag: {create: {name: "c-one"}}}, {tag: {create: {name: "c-two"}}},
        {tag: {update: {id: $u, patch: {color: "green"}}}}, {note: {delete: $d}}]) { branch commitId createdIds updatedIds deletedIds } }`,
      { u: tags[0], d: String(h.seed.find((x) => x['@type'] === 'Note')?.['@id']) });
    expect(r.body.errors).toBeUndefined();
    const c = r.body.data.commit;
    expect(c.createdIds).toEqual(['Tag/c-one', 'Tag/c-two']);
    expect(c.updatedIds).toEqual([tags[0]]);
    const [head] = await log(1);
    expect(head?.identifier).toBe(c.commitId);
    expect(head?.message).toMatch(/^\[core\] batch\n\nTrace-Id: .+\nUser-Sid: tester/);
    const check = await h.gql(`query($u: ID!) { tag(id: $u) { color } one: tag(id: "Tag/c-one") { id } }`, { u: tags[0] });
    expect(check.body.data).toEqual({ tag: { color: 'green' }, one: { id: 'Tag/c-one' } });
    const bad = await h.gql(`mutation { commit(message: "bad", changes: [{tag: {create: {name: "c-three"}}}, {project: {create: {name: "p", slug: "p-x", sensitivity: PUBLIC, organisation: "Organisation/nope"}}}]) { commitId } }`);
    expect(bad.body.errors[0].extensions.code).toBe('SCHEMA_VIOLATION');
    expect((await log(1))[0]?.identifier).toBe(c.commitId);
  });
});
