import { GraphQLBoolean, GraphQLError, GraphQLID, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } from 'graphql';
import { ApiError } from '../../errors.js';
import { contractId, planWrite, type WriteOp } from '../../schema/index.js';
import type { GraphType, Json } from '../../types.js';
import type { RequestContext } from '../context.js';
import { JSONScalar } from '../scalars.js';
import type { MutationState } from '../mutation/state.js';
import type { InputTypes } from './inputTypes.js';
import { idOut } from './objectTypes.js';

type Args = Record<string, unknown>;

/** An ApiError of the document API as a GraphQL error (`extensions['api:error']`). */
export function apiGraphQLError(e: ApiError): GraphQLError {
  return new GraphQLError(e.message, { originalError: e, extensions: { 'api:status': e.status, ...(e.error === undefined ? {} : { 'api:error': e.error }) } });
}

function stateOf(rc: RequestContext): MutationState {
  if (rc.mutation === undefined) throw new GraphQLError('Mutations are not possible on this resource: it is not a branch');
  return rc.mutation;
}

function documents(value: unknown): Json[] {
  let json = value;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json) as Json;
    } catch {
      throw new GraphQLError('Invalid JSON in argument json');
    }
  }
  if (json === undefined || json === null) throw new GraphQLError('no documents specified');
  return Array.isArray(json) ? (json as Json[]) : [json as Json];
}

/** Plans the request's ops so far plus `op` (one transaction); returns the ids of `op`. */
function plan(rc: RequestContext, op: WriteOp): string[] {
  const state = stateOf(rc);
  try {
    const next = planWrite(rc.snapshot, [...state.ops, op], { schemaless: state.schemaless });
    state.ops.push(op);
    state.plan = next;
    return next.results[next.results.length - 1] ?? [];
  } catch (e) {
    if (e instanceof ApiError) throw apiGraphQLError(e);
    throw e;
  }
}

function resultIds(rc: RequestContext, graph: GraphType, ids: readonly string[]): string[] {
  if (graph === 'schema') return [...ids];
  return ids.map((iri) => (rc.compressIds ? contractId(rc.iri, iri) : iri));
}

const graphOf = (args: Args): GraphType => (args['graph_type'] === 'schema' ? 'schema' : 'instance');

/** The `TerminusMutation` root. Its fields share one transaction; the request makes one commit. */
export function mutationType(inputs: InputTypes): GraphQLObjectType<unknown, RequestContext> {
  const ids = new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLID)));
  return new GraphQLObjectType<unknown, RequestContext>({
    name: 'TerminusMutation',
    fields: {
      _insertDocuments: {
        type: ids,
        args: {
          json: { type: new GraphQLNonNull(JSONScalar) },
          graph_type: { type: inputs.graphType },
          raw_json: { type: GraphQLBoolean },
          overwrite: { type: GraphQLBoolean },
        },
        resolve: (_root, args: Args, rc) => {
          const graph = graphOf(args);
          const op: WriteOp = { kind: 'insert', graph, docs: documents(args['json']), rawJson: args['raw_json'] === true, overwrite: args['overwrite'] === true };
          return resultIds(rc, graph, plan(rc, op));
        },
      },
      _replaceDocuments: {
        type: ids,
        args: {
          json: { type: new GraphQLNonNull(JSONScalar) },
          graph_type: { type: inputs.graphType },
          raw_json: { type: GraphQLBoolean },
          create: { type: GraphQLBoolean },
        },
        resolve: (_root, args: Args, rc) => {
          const graph = graphOf(args);
          const op: WriteOp = { kind: 'replace', graph, docs: documents(args['json']), rawJson: args['raw_json'] === true, create: args['create'] === true };
          return resultIds(rc, graph, plan(rc, op));
        },
      },
      _deleteDocuments: {
        type: ids,
        args: { ids: { type: ids }, graph_type: { type: inputs.graphType } },
        resolve: (_root, args: Args, rc) => {
          const graph = graphOf(args);
          const given = (args['ids'] as string[] | undefined) ?? [];
          plan(rc, { kind: 'delete', graph, ids: given });
          return graph === 'schema' ? given : given.map((id) => idOut(rc, contractId(rc.iri, id)));
        },
      },
      _commitInfo: {
        type: new GraphQLNonNull(GraphQLBoolean),
        args: { author: { type: GraphQLString }, message: { type: GraphQLString } },
        resolve: (_root, args: Args, rc) => {
          const state = stateOf(rc);
          if (typeof args['author'] === 'string') state.author = args['author'];
          if (typeof args['message'] === 'string') state.message = args['message'];
          return true;
        },
      },
    },
  });
}
