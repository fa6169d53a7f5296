import type { ClassDef } from '../model/types.js';
import type { BuildContext } from './BuildContext.js';
import { buildConnection, connectionArgs } from './buildConnection.js';
import { buildChangeInput, buildClassInput, buildPatchInput } from './buildInputs.js';
import { mutationFieldNames, rootFieldNames, typeName } from './names.js';
import type { ArgDef } from './sdlModel.js';

const REF: ArgDef = { name: 'ref', type: 'RefInput' };
const BRANCH: ArgDef = { name: 'branch', type: 'String', defaultValue: '"main"' };
const MESSAGE: ArgDef = { name: 'message', type: 'String' };
const AUTH = ['@authenticated'];

/** Adds `<one>(id, ref)` and `<many>(filter, orderBy, first, after, ref)` for a document class (abstract included). */
export function buildQueryFields(ctx: BuildContext, cls: ClassDef): void {
  const t = typeName(cls);
  const { one, many } = rootFieldNames(cls);
  ctx.query.push(
    { name: one, type: t, description: `The ${t} with this id, or null.`, args: [{ name: 'id', type: 'ID!' }, REF] },
    { name: many, type: `${buildConnection(ctx, cls)}!`, description: `${t} documents${cls.abstract ? ' of every subclass' : ''}.`, args: [...connectionArgs(ctx, cls), REF] },
  );
  ctx.queryManifest.set(one, { operation: 'one', type: t, class: cls.id });
  ctx.queryManifest.set(many, { operation: 'many', type: t, class: cls.id });
}

/** Adds create, update (merge patch), replace and delete for a concrete document class, and its `ChangeInput` entry. */
export function buildMutationFields(ctx: BuildContext, cls: ClassDef): void {
  const t = typeName(cls);
  const names = mutationFieldNames(cls);
  const payload = `${t}Payload`;
  ctx.registry.add({
    kind: 'object', name: payload, description: `Result of writing one ${t}.`,
    fields: [
      { name: 'branch', type: 'String!' },
      { name: 'commitId', type: 'ID!', description: 'The commit that made the change.' },
      { name: 'id', type: 'ID!' },
      { name: 'node', type: t, description: 'The document as committed (null if the caller may not read it).' },
    ],
  }, { file: cls.file, document: cls.id });
  const input = buildClassInput(ctx, cls);
  const patch = buildPatchInput(ctx, cls);
  const id: ArgDef = { name: 'id', type: 'ID!' };
  ctx.mutation.push(
    { name: names.create, type: `${payload}!`, description: `Creates a ${t} on \`branch\` in one commit (\`message\` defaults to one naming the operation).`, args: [{ name: 'input', type: `${input}!` }, BRANCH, MESSAGE], directives: AUTH },
    { name: names.update, type: `${payload}!`, description: `Merges a patch into a ${t} in one commit.`, args: [id, { name: 'patch', type: `${patch}!` }, BRANCH, MESSAGE], directives: AUTH },
    { name: names.replace, type: `${payload}!`, description: `Replaces a ${t} whole in one commit.`, args: [id, { name: 'input', type: `${input}!` }, BRANCH, MESSAGE], directives: AUTH },
    { name: names.delete, type: 'DeletePayload!', description: `Deletes a ${t} (and its subdocuments) in one commit.`, args: [id, BRANCH, MESSAGE], directives: AUTH },
  );
  for (const [operation, name] of Object.entries(names)) {
    ctx.mutationManifest.set(name, { operation: operation as 'create' | 'update' | 'replace' | 'delete', type: t, class: cls.id });
  }
  buildChangeInput(ctx, cls);
}

/** Adds `branches`, `commit`, `createBranch`, `deleteBranch`, `promoteBranch` and the `ChangeInput` union of changes. */
export function buildStaticRootFields(ctx: BuildContext): void {
  ctx.query.push({ name: 'branches', type: '[Branch!]!', description: 'Every branch of the database, by name.' });
  ctx.queryManifest.set('branches', { operation: 'branches' });
  const changes = [...ctx.changeInput.values()].map((c) => c.field).sort((a, b) => (a.name < b.name ? -1 : 1));
  ctx.registry.add({ kind: 'input', name: 'ChangeInput', description: 'One change of a multi-document commit: exactly one class.', directives: ['@oneOf'], fields: changes });
  ctx.mutation.push(
    {
      name: 'commit', type: 'CommitPayload!', description: 'Applies many changes as one commit: all or nothing.', directives: AUTH,
      args: [{ name: 'changes', type: '[ChangeInput!]!' }, { name: 'message', type: 'String!' }, BRANCH],
    },
    {
      name: 'createBranch', type: 'BranchPayload!', description: 'Creates a branch from another branch, a commit or a point in time (`from`; the head of `main` by default).', directives: AUTH,
      args: [
        { name: 'name', type: 'String!' },
        { name: 'from', type: 'RefInput' },
        { name: 'maxAgeHours', type: 'Int', description: 'Hours after which branch clean-up (`branch-gc`) may delete the branch; unset: kept. Never applies to `main` or `prod/*`.' },
      ],
    },
    { name: 'deleteBranch', type: 'DeleteBranchPayload!', description: 'Deletes a branch (not `main`).', directives: AUTH, args: [{ name: 'name', type: 'String!' }] },
    {
      name: 'promoteBranch', type: 'PromoteBranchPayload!', directives: AUTH,
      description: 'Applies the changes made on `source` since it diverged to `target` as one commit, or reports the conflicting documents.',
      args: [{ name: 'source', type: 'String!' }, { name: 'target', type: 'String!', defaultValue: '"main"' }, { name: 'message', type: 'String!' }],
    },
  );
  for (const op of ['commit', 'createBranch', 'deleteBranch', 'promoteBranch'] as const) ctx.mutationManifest.set(op, { operation: op });
}
