import type { GraphQLResolveInfo } from 'graphql';
import { graphql } from '../graphqlRuntime.js';
import { supergraphError } from '../../../lib/index.js';
import type { CoreContext } from '../context.js';
import { mapTerminusFailure } from '../terminusErrors.js';
import { commitMeta } from '../write/commitMessage.js';
import { idOfClass, mergePatch, toDocument } from '../write/toDocument.js';
import { TerminusWriter, type Written } from '../write/TerminusWriter.js';
import { readOne } from './readRoot.js';

const { getNamedType } = graphql;

type Args = Record<string, unknown>;

/** Result of writing one document (`<Type>Payload`); `node` is read at `commitId`. */
export interface WritePayload {
  readonly branch: string;
  readonly commitId: string;
  readonly id: string;
}

const MAX_ATTEMPTS = 3;

function branchOf(args: Args): string {
  return typeof args['branch'] === 'string' ? args['branch'] : 'main';
}

function messageOf(args: Args, fallback: string): string {
  return typeof args['message'] === 'string' && args['message'].trim() !== '' ? args['message'] : fallback;
}

async function write<T>(ctx: CoreContext, branch: string, run: (w: TerminusWriter) => Promise<Written<T>>): Promise<Written<T>> {
  try {
    return await run(new TerminusWriter(ctx.runtime.terminus));
  } catch (err) {
    throw mapTerminusFailure(err, { branch });
  } finally {
    ctx.runtime.refs.invalidate(branch);
  }
}

function requireClassId(ctx: CoreContext, typeName: string, id: string): void {
  if (!idOfClass(ctx.runtime.model, typeName, id)) throw supergraphError('NOT_FOUND', `No ${typeName} with id ${id}`);
}

/** `create<Type>(input, branch, message)`: one document, one commit. */
export function createResolver(typeName: string) {
  return async (_root: unknown, args: Args, ctx: CoreContext): Promise<WritePayload> => {
    const branch = branchOf(args);
    const doc = toDocument(ctx.runtime.model, typeName, args['input']);
    const meta = commitMeta(ctx, messageOf(args, `create ${typeName}`));
    const w = await write(ctx, branch, (tw) => tw.insert(branch, [doc], meta));
    return { branch, commitId: w.commit, id: ctx.runtime.model.shortId(w.result[0] ?? '') };
  };
}

/** `replace<Type>(id, input, branch, message)`: the document replaced whole. */
export function replaceResolver(typeName: string) {
  return async (_root: unknown, args: Args, ctx: CoreContext): Promise<WritePayload> => {
    const branch = branchOf(args);
    const id = String(args['id']);
    requireClassId(ctx, typeName, id);
    const doc = { ...toDocument(ctx.runtime.model, typeName, args['input']), '@id': id };
    const meta = commitMeta(ctx, messageOf(args, `replace ${id}`));
    const w = await write(ctx, branch, (tw) => tw.replace(branch, [doc], meta));
    return { branch, commitId: w.commit, id };
  };
}

/**
 * `update<Type>(id, patch, branch, message)`: a merge patch applied to the stored document and
 * written only if the branch did not move since the read (retried on a concurrent change).
 */
export function updateResolver(typeName: string) {
  return async (_root: unknown, args: Args, ctx: CoreContext): Promise<WritePayload> => {
    const branch = branchOf(args);
    const id = String(args['id']);
    requireClassId(ctx, typeName, id);
    const model = ctx.runtime.model;
    const concrete = new Set(model.classType(typeName)?.concreteClasses ?? []);
    const meta = commitMeta(ctx, messageOf(args, `update ${id}`));
    for (let attempt = 1; ; attempt++) {
      try {
        const w = await write(ctx, branch, async (tw) => {
          const { docs, version } = await tw.read(branch, [id]);
          const stored = docs[0];
          if (stored === undefined || !concrete.has(String(stored['@type']))) throw supergraphError('NOT_FOUND', `No ${typeName} with id ${id}`);
          return tw.replace(branch, [mergePatch(model, typeName, stored, args['patch'])], meta, version);
        });
        return { branch, commitId: w.commit, id };
      } catch (err) {
        const code = (err as { extensions?: Record<string, unknown> }).extensions?.['code'];
        if (code !== 'CONFLICT' || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  };
}

/** `delete<Type>(id, branch, message)`: the document and its subdocuments, one commit. */
export function deleteResolver(typeName: string) {
  return async (_root: unknown, args: Args, ctx: CoreContext): Promise<{ branch: string; commitId: string; deletedIds: string[] }> => {
    const branch = branchOf(args);
    const id = String(args['id']);
    requireClassId(ctx, typeName, id);
    const meta = commitMeta(ctx, messageOf(args, `delete ${id}`));
    const w = await write(ctx, branch, (tw) => tw.remove(branch, [id], meta));
    return { branch, commitId: w.commit, deletedIds: [id] };
  };
}

/** `<Type>Payload.node`: the document as committed, read at the payload's commit. */
export function payloadNodeResolver() {
  return (parent: WritePayload, _args: unknown, ctx: CoreContext, info: GraphQLResolveInfo): Promise<unknown> =>
    readOne(ctx, info, getNamedType(info.returnType).name, parent.id, { commit: parent.commitId });
}
