import type { DocumentNode } from 'graphql';
import { keyedObjectTypes, listBranches, serviceDateTime, serviceJSON, supergraphError } from '../../../lib/index.js';
import { graphql } from '../graphqlRuntime.js';
import { parseTrailers } from '../relay/trailers.js';
import { readCommit, readLog } from '../terminus/commitLog.js';
import { documentHistory } from '../terminus/documentHistory.js';
import { versionDiff, type Version } from '../terminus/diffs.js';
import { terminusFailure, type AuditContext } from './AuditRuntime.js';
import { toChangeNode, toCommitNode, type CommitNode } from './commitNode.js';
import { commitsQuery, type CommitsArgs } from './commitsQuery.js';

const { GraphQLScalarType, visit } = graphql;

/** Commits examined per branch by `commitsByTrace`. */
const TRACE_SCAN = 5_000;


/** Members of a union of the SDL. */
function unionMembers(sdl: DocumentNode, name: string): Set<string> {
  const out = new Set<string>();
  visit(sdl, {
    UnionTypeDefinition(node) {
      if (node.name.value === name) for (const t of node.types ?? []) out.add(t.name.value);
    },
  });
  return out;
}


async function version(ctx: AuditContext, text: string): Promise<Version> {
  const branches = await listBranches(ctx.runtime.terminus).catch((err: unknown) => terminusFailure(err));
  return branches.has(text) ? { branch: text } : { commit: text };
}

/** The resolvers of the audit subgraph (root fields, `history` on every entity of the SDL, scalars). */
export function createResolvers(sdl: DocumentNode) {
  const history = async (source: { id: string }, args: { first?: number | null; branch?: string | null }, ctx: AuditContext) => {
    const first = args.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 200) throw supergraphError('BAD_USER_INPUT', 'first must be from 1 to 200');
    const entries = await documentHistory(ctx.runtime.terminus, args.branch ?? 'main', source.id, first).catch((err: unknown) => terminusFailure(err));
    return entries.map((e) => {
      const trailers = parseTrailers(e.message);
      return {
        id: e.id,
        author: e.author,
        message: e.message,
        timestamp: new Date(Math.round(e.timestamp * 1000)).toISOString(),
        traceId: trailers['Trace-Id'] ?? null,
        userSid: trailers['User-Sid'] ?? null,
        commit: async () => {
          const entry = await readCommit(ctx.runtime.terminus, e.id);
          return entry === undefined ? null : toCommitNode(entry, ctx.runtime);
        },
      };
    });
  };
  const changed = unionMembers(sdl, 'ChangedDocument');
  const entities = Object.fromEntries(keyedObjectTypes(sdl).map((name) => [name, { __resolveReference: (ref: { id: string }) => ({ id: ref.id }), history }]));
  return {
    DateTime: new GraphQLScalarType(serviceDateTime),
    JSON: new GraphQLScalarType(serviceJSON),
    ...entities,
    DocumentChange: {
      document: (change: { id: string; type: string }) => (changed.has(change.type) ? { __typename: change.type, id: change.id } : null),
      // Core answers null for an id that is not an Asset (its reference resolver reads the Asset class).
      asset: (change: { id: string; type: string; op: string }) => (changed.has(change.type) || change.op === 'DELETED' ? null : { __typename: 'Asset', id: change.id }),
    },
    ChangedDocument: { __resolveType: (value: { __typename: string }) => value.__typename },
    Query: {
      commits: (_: unknown, args: CommitsArgs, ctx: AuditContext) => commitsQuery(args, ctx),
      commit: async (_: unknown, args: { id: string }, ctx: AuditContext) => {
        const entry = await readCommit(ctx.runtime.terminus, args.id).catch((err: unknown) => terminusFailure(err, 'COMMIT_NOT_FOUND'));
        return entry === undefined || entry.initial ? null : toCommitNode(entry, ctx.runtime);
      },
      diff: async (_: unknown, args: { from: string; to: string }, ctx: AuditContext) => {
        const [from, to] = await Promise.all([version(ctx, args.from), version(ctx, args.to)]);
        const diffs = await versionDiff(ctx.runtime.terminus, from, to).catch((err: unknown) => terminusFailure(err, 'COMMIT_NOT_FOUND'));
        return diffs.map(toChangeNode);
      },
      commitsByTrace: async (_: unknown, args: { traceId: string }, ctx: AuditContext) => {
        const branches = await listBranches(ctx.runtime.terminus).catch((err: unknown) => terminusFailure(err));
        const found = new Map<string, CommitNode>();
        for (const head of new Set(branches.values())) {
          if (head === undefined) continue;
          for (let start = 0; start < TRACE_SCAN; start += 500) {
            const page = await readLog(ctx.runtime.terminus, { commit: head }, start, 500).catch((err: unknown) => terminusFailure(err));
            for (const e of page) if (!found.has(e.id) && parseTrailers(e.message)['Trace-Id'] === args.traceId) found.set(e.id, toCommitNode(e, ctx.runtime));
            if (page.length < 500) break;
          }
        }
        return [...found.values()].sort((a, b) => b.timestamp.localeCompare(a.timestamp));
      },
    },
  };
}
