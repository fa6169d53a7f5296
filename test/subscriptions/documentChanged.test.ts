import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, subscribers, token, type Stack } from './harness.js';

const TAG = `subscription($id: ID!, $branch: String! = "main", $after: String) {
  documentChanged(type: "Tag", id: $id, branch: $branch, after: $after) {
    cursor kind op id type commitId missedEvents
    document { __typename ... on Tag { name color } ... on Person { fullName } }
    commit { id author }
  }
}`;

describe('Subscription.documentChanged over graphql-ws', () => {
  let s: Stack;
  let bearer: string;
  const { sub, live, closeAll } = subscribers(() => s, TAG);
  /** Waits until the relay has published everything up to the branch head. */
  const settled = async (branch = 'main'): Promise<void> => {
    const head = await s.db.head(branch);
    await expect.poll(async () => (await s.relay.runOnce()) === 0 && (await s.db.head(branch)) === head, { timeout: 10_000 }).toBe(true);
  };

  beforeAll(async () => {
    s = await startStack();
    bearer = `Bearer ${await token()}`;
  });
  afterAll(async () => {
    await closeAll().catch(() => undefined);
    await s?.close();
  });

  it('delivers insert, update and delete of one document with its core fields at that commit (null once deleted)', async () => {
    const a = sub(bearer, { id: 'Tag/dc-one' });
    await live(1);
    const inserted = await s.db.writeTag('dc-one', { color: '#000001' });
    await s.db.writeTag('dc-other');
    const updated = await s.db.writeTag('dc-one', { color: '#000002' });
    const deleted = await s.db.deleteDoc('Tag/dc-one');
    await expect.poll(() => a.events.length, { timeout: 10_000 }).toBe(3);
    await settled();
    await new Promise((r) => setTimeout(r, 200));
    expect(a.events.every((e) => e.errors === undefined)).toBe(true);
    const events = a.events.map((e) => e.data.documentChanged);
    expect(events.map((e) => [e.op, e.commitId, e.kind, e.id, e.type])).toEqual([
      ['INSERTED', inserted, 'COMMIT', 'Tag/dc-one', 'Tag'],
      ['UPDATED', updated, 'COMMIT', 'Tag/dc-one', 'Tag'],
      ['DELETED', deleted, 'COMMIT', 'Tag/dc-one', 'Tag'],
    ]);
    expect(events.map((e) => e.document)).toEqual([{ __typename: 'Tag', name: 'dc-one', color: '#000001' }, { __typename: 'Tag', name: 'dc-one', color: '#000002' }, null]);
    expect(events.map((e) => e.commit)).toEqual([inserted, updated, deleted].map((id) => ({ id, author: 'tester@test' })));
    await closeAll();
  });

  it('refuses an unknown type at subscribe with BAD_USER_INPUT', async () => {
    const bad = sub(bearer, { id: 'Tag/x' }, TAG.replace('type: "Tag"', 'type: "Unicorn"'));
    await expect.poll(() => bad.errors.length, { timeout: 5_000 }).toBe(1);
    const error = (bad.errors[0] as { extensions?: Record<string, unknown> }[])[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'type', reason: 'UNKNOWN_TYPE' });
    expect(error?.extensions?.['knownTypes']).toEqual(expect.arrayContaining(['Tag', 'Person', 'Dataset']));
    await closeAll();
  });

  it("applies the entity's field rights per subscriber (Person.email needs pii:read) and looks up Asset classes through `asset`", async () => {
    const query = `subscription($id: ID!) { documentChanged(type: "Person", id: $id) { op document { ... on Person { fullName email } } } }`;
    const plain = sub(bearer, { id: 'Person/jonas.yilmaz' }, query);
    const pii = sub(`Bearer ${await token('pia', ['read', 'pii:read'])}`, { id: 'Person/jonas.yilmaz' }, query);
    const assetQuery = `subscription($id: ID!) { documentChanged(type: "Dataset", id: $id) { op document { __typename } asset { __typename id ... on Dataset { description } } commit { changes { asset { __typename id } } } } }`;
    const dataset = sub(bearer, { id: 'Dataset/acme_logistics.payments_raw.fx_rates' }, assetQuery);
    await live(3);
    const client = s.db.client();
    const person = (await client.getDocument({ id: 'Person/jonas.yilmaz' })) as Record<string, unknown>;
    await client.updateDocument({ ...person, jobTitle: 'Staff ML Engineer' }, {}, s.db.db, '[test] person');
    const ds = (await client.getDocument({ id: 'Dataset/acme_logistics.payments_raw.fx_rates' })) as Record<string, unknown>;
    await client.updateDocument({ ...ds, description: 'Raw fx rates, described again.' }, {}, s.db.db, '[test] dataset');
    await expect.poll(() => plain.events.length + pii.events.length + dataset.events.length, { timeout: 10_000 }).toBe(3);
    expect(pii.events[0].errors).toBeUndefined();
    expect(pii.events[0].data.documentChanged).toEqual({ op: 'UPDATED', document: { fullName: 'Jonas Yilmaz', email: 'jonas.yilmaz@acme-logistics.example' } });
    // As in queries: the removed field is non-null (`email: String!`), so its nearest nullable ancestor is null.
    expect(plain.events[0].data.documentChanged).toEqual({ op: 'UPDATED', document: null });
    expect(plain.events[0].errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
    expect(dataset.events[0].errors).toBeUndefined();
    expect(dataset.events[0].data.documentChanged).toEqual({
      op: 'UPDATED',
      document: null,
      asset: { __typename: 'Dataset', id: 'Dataset/acme_logistics.payments_raw.fx_rates', description: 'Raw fx rates, described again.' },
      commit: { changes: [{ asset: { __typename: 'Dataset', id: 'Dataset/acme_logistics.payments_raw.fx_rates' } }] },
    });
    await closeAll();
  });

  it('resumes after a cursor with every missed change exactly once', async () => {
    const a = sub(bearer, { id: 'Tag/dc-r' });
    await live(1);
    await s.db.writeTag('dc-r', { color: '#000010' });
    await expect.poll(() => a.events.length, { timeout: 10_000 }).toBe(1);
    const cursor = a.events[0].data.documentChanged.cursor as string;
    await closeAll();
    const missed = [await s.db.writeTag('dc-r', { color: '#000011' }), await s.db.writeTag('dc-r', { color: '#000012' })];
    await s.db.writeTag('dc-r-other');
    await settled();
    const b = sub(bearer, { id: 'Tag/dc-r', after: cursor });
    await live(1);
    await expect.poll(() => b.events.length, { timeout: 10_000 }).toBe(2);
    const next = await s.db.deleteDoc('Tag/dc-r');
    await expect.poll(() => b.events.length, { timeout: 10_000 }).toBe(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(b.events.map((e) => [e.data.documentChanged.commitId, e.data.documentChanged.op, e.data.documentChanged.document?.color ?? null])).toEqual([
      [missed[0], 'UPDATED', '#000011'],
      [missed[1], 'UPDATED', '#000012'],
      [next, 'DELETED', null],
    ]);
    await closeAll();
  });

  it('reports a reset that removes the document from the branch (kind RESET, op DELETED)', async () => {
    const client = s.db.client();
    await client.branch('feature~dc');
    const base = await s.db.head('feature/dc');
    await settled('feature/dc');
    const a = sub(bearer, { id: 'Tag/dc-reset', branch: 'feature/dc' });
    await live(1);
    const written = await s.db.writeTag('dc-reset', { branch: 'feature/dc' });
    await expect.poll(() => a.events.length, { timeout: 10_000 }).toBe(1);
    await client.resetBranch('feature~dc', `admin/${s.db.db}/local/commit/${base}`);
    await expect.poll(() => a.events.length, { timeout: 10_000 }).toBe(2);
    expect(a.events.map((e) => [e.data.documentChanged.kind, e.data.documentChanged.op, e.data.documentChanged.commitId])).toEqual([
      ['COMMIT', 'INSERTED', written],
      ['RESET', 'DELETED', base],
    ]);
    expect(a.events[1].data.documentChanged.document).toBeNull();
    await closeAll();
  });

  it('resolves `changes { document }` inside the commitAdded envelope (at the event commit)', async () => {
    const query = `subscription { commitAdded(branch: "main") { commitId changes { id op document { __typename ... on Tag { name color } } asset { id } } } }`;
    const a = sub(bearer, {}, query);
    await live(1);
    const head = await s.db.writeTag('dc-env', { color: '#0000ee' });
    await expect.poll(() => a.events.length, { timeout: 10_000 }).toBe(1);
    expect(a.events[0].errors).toBeUndefined();
    expect(a.events[0].data.commitAdded).toEqual({ commitId: head, changes: [{ id: 'Tag/dc-env', op: 'INSERTED', document: { __typename: 'Tag', name: 'dc-env', color: '#0000ee' }, asset: null }] });
    // One commit changing 12 documents: every listed change is looked up (more than run at a time).
    const names = Array.from({ length: 12 }, (_, i) => `dc-many-${i}`);
    await s.db.client().addDocument(names.map((name, i) => ({ '@type': 'Tag', '@id': `Tag/${name}`, name, color: `#0000${String(i).padStart(2, '0')}` })), {}, s.db.db, '[test] many');
    await expect.poll(() => a.events.length, { timeout: 10_000 }).toBe(2);
    expect(a.events[1].errors).toBeUndefined();
    const many = a.events[1].data.commitAdded.changes as { id: string; document: { name: string; color: string } }[];
    expect(many.map((c) => [c.id, c.document.name, c.document.color]).sort()).toEqual(names.map((name, i) => [`Tag/${name}`, name, `#0000${String(i).padStart(2, '0')}`]).sort());
    await closeAll();
  });
});
