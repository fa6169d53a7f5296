import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKernel, type RunningKernel } from '../../kernel/index.js';
import { Terminus, TerminusError } from '../../lib/index.js';


// lib/terminus against the kernel over HTTP (lib/ itself may not import kernel/).
let kernel: RunningKernel;
let terminus: Terminus;

beforeAll(async () => {
  kernel = await startKernel({ port: 0 });
  terminus = new Terminus({ url: kernel.url, user: 'admin', key: 'root', organization: 'admin', db: 'libtest' });
  await terminus.client().createDatabase('libtest', { label: 'lib test', schema: true });
  await terminus
    .client({ author: 'alice@core' })
    .addDocument({ '@type': 'Class', '@id': 'Thing', '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string' }, { graph_type: 'schema' }, 'libtest', '[core] schema');
});
afterAll(() => kernel.close());

describe('Terminus', () => {
  it('writes commits authored as the caller asks', async () => {
    await terminus.client({ author: 'bob@core' }).addDocument({ '@type': 'Thing', name: 'a' }, {}, 'libtest', '[core] add a');
    const [last] = (await terminus.client().getCommitsLog(0, 1)) as { author: string; message: string }[];
    expect(last).toMatchObject({ author: 'bob@core', message: '[core] add a' });
  });

  it('queries TerminusDB GraphQL at a branch and at a commit', async () => {
    const before = ((await terminus.client().getCommitsLog(0, 1)) as { identifier: string }[])[0]!.identifier;
    await terminus.client().addDocument({ '@type': 'Thing', name: 'b' }, {}, 'libtest', 'add b');
    const head = await terminus.graphql<{ Thing: { name: string }[] }>({ branch: 'main' }, '{ Thing(orderBy: {name: ASC}) { name } }');
    expect(head.data?.Thing.map((t) => t.name)).toEqual(['a', 'b']);
    const old = await terminus.graphql<{ Thing: { name: string }[] }>({ commit: before }, '{ Thing { name } }');
    expect(old.data?.Thing.map((t) => t.name)).toEqual(['a']);
  });

  it('returns GraphQL validation errors as an answer', async () => {
    const answer = await terminus.graphql({ branch: 'main' }, '{ Nope { x } }');
    expect(answer.errors?.length).toBeGreaterThan(0);
  });

  it('turns TerminusDB refusals into TerminusError with the body', async () => {
    const c = terminus.client();
    const err = await terminus.call(() => c.addDocument({ '@type': 'Thing' }, {}, 'libtest', 'bad')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TerminusError);
    expect((err as TerminusError).status).toBe(400);
    expect((err as TerminusError).apiErrorType).toBe('api:RequiredKeyFieldMissing');
  });

  it('reports readiness', async () => {
    expect(await terminus.ready()).toBe(true);
    const missing = new Terminus({ ...terminus.settings, db: 'nope' });
    expect(await missing.ready()).toBe(false);
  });
});
