import { GraphQLError, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import { renderDocument } from '../../schema/index.js';
import type { RequestContext } from '../context.js';
import type { Frames } from '../frames.js';
import { contractInputId, compileFilter } from '../filter/compileFilter.js';
import { countDerivation } from '../indexes/valueIndex.js';
import { countRoot, selectRoot } from '../query/select.js';
import { JSONScalar } from '../scalars.js';
import type { InputTypes } from './inputTypes.js';
import { listArgumentConfig, readListArgs } from './listArgs.js';
import type { ObjectTypes } from './objectTypes.js';

type Args = Record<string, unknown>;

/** The `Query` root: one field per class, `_getDocument` and `_count`. */
export function queryType(frames: Frames, inputs: InputTypes, objects: ObjectTypes): GraphQLObjectType<unknown, RequestContext> {
  return new GraphQLObjectType<unknown, RequestContext>({
    name: 'Query',
    fields: () => {
      const fields: GraphQLFieldConfigMap<unknown, RequestContext> = {};
      for (const cls of frames.classes.values()) {
        fields[cls.name] = {
          type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(objects.objectType(cls.name)))),
          args: listArgumentConfig(inputs.filterType(cls.name), inputs.orderingType(cls)),
          resolve: (_root, args: Args, rc, info) => selectRoot(rc, cls, readListArgs(cls, args, info, rc)),
        };
      }
      fields['_getDocument'] = {
        type: JSONScalar,
        args: { id: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: (_root, args: Args, rc) => {
          const id = contractInputId(rc.iri, String(args['id']));
          const doc = rc.snapshot.getDoc('instance', id);
          if (doc === undefined) throw new GraphQLError('No such document');
          return JSON.stringify(renderDocument(rc.snapshot, 'instance', doc, { compressIds: true, unfold: true }), null, 2);
        },
      };
      fields['_count'] = {
        type: new GraphQLNonNull(GraphQLInt),
        args: Object.fromEntries([...frames.classes.values()].map((c) => [c.name, { type: inputs.filterType(c.name) }])),
        resolve: (_root, args: Args, rc) => {
          for (const cls of frames.classes.values()) {
            const filter = args[cls.name];
            if (filter === undefined || filter === null) continue;
            const cond = compileFilter(rc.frames, rc.iri, cls, filter);
            return countRoot(rc, cls, cond, () =>
              rc.cache.get(rc.db, `count|${cls.withChildren.join(',')}`, rc.snapshot, countDerivation(cls.withChildren)),
            );
          }
          throw new GraphQLError('_count requires exactly one model filter argument');
        },
      };
      return fields;
    },
  });
}
