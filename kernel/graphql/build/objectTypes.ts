import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  type GraphQLOutputType,
} from 'graphql';
import { expandId, renderDocument } from '../../schema/index.js';
import type { Family } from '../../schema/index.js';
import { typeOfNode, type Node, type RequestContext } from '../context.js';
import type { BaseKind, FrameClass, FrameField, Frames } from '../frames.js';
import { fieldValues } from '../filter/evaluate.js';
import { pathFieldName } from '../naming.js';
import { evalPath } from '../path/evalPath.js';
import { parsePathCached } from '../path/parsePath.js';
import { selectFrom } from '../query/select.js';
import { BigFloatScalar, BigIntScalar, DateTimeScalar, JSONScalar } from '../scalars.js';
import { outputValue } from '../values.js';
import type { InputTypes } from './inputTypes.js';
import { listArgumentConfig, readListArgs } from './listArgs.js';
import { backlinkNodes, linkedNodes } from './links.js';

type Field = GraphQLFieldConfig<Node, RequestContext>;
type Args = Record<string, unknown>;

const SCALARS: Record<BaseKind, GraphQLOutputType> = {
  String: GraphQLString,
  Int: GraphQLInt,
  Float: GraphQLFloat,
  Boolean: GraphQLBoolean,
  BigInt: BigIntScalar,
  BigFloat: BigFloatScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
};

const isCollection = (family: Family): boolean => family === 'Set' || family === 'List' || family === 'Array';

function wrap(type: GraphQLOutputType, family: Family): GraphQLOutputType {
  switch (family) {
    case 'One':
      return new GraphQLNonNull(type);
    case 'Optional':
      return type;
    case 'Array':
      return new GraphQLNonNull(new GraphQLList(type));
    default:
      return new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type)));
  }
}

/** An id as the response shows it: contracted, or the full IRI with `compress_ids=false`. */
export function idOut(rc: RequestContext, id: string): string {
  return rc.compressIds ? id : expandId(rc.iri, id);
}

function single<T>(family: Family, values: T[]): T | T[] | null {
  return isCollection(family) ? values : (values[0] ?? null);
}

/** Creates the object type of every class; `objectType(name)` resolves them lazily (cycles). */
export class ObjectTypes {
  private readonly types = new Map<string, GraphQLObjectType<Node, RequestContext>>();

  constructor(
    private readonly frames: Frames,
    private readonly inputs: InputTypes,
  ) {}

  /** The object type of a class. */
  objectType(name: string): GraphQLObjectType<Node, RequestContext> {
    let t = this.types.get(name);
    if (t === undefined) {
      const cls = this.frames.classes.get(name);
      if (cls === undefined) throw new Error(`unknown class ${name}`);
      t = new GraphQLObjectType<Node, RequestContext>({ name, fields: () => this.fields(cls) });
      this.types.set(name, t);
    }
    return t;
  }

  /** The list of a class with TerminusDB's list arguments. */
  collectionField(target: FrameClass, type: GraphQLOutputType, candidates: (node: Node, args: Args, rc: RequestContext) => Node[]): Field {
    return {
      type,
      args: listArgumentConfig(this.inputs.filterType(target.name), this.inputs.orderingType(target)),
      resolve: (node, args: Args, rc, info) => selectFrom(rc, target, readListArgs(target, args, info, rc), candidates(node, args, rc)),
    };
  }

  private propertyField(f: FrameField): Field {
    const r = f.range;
    switch (r.type) {
      case 'base':
        if (!isCollection(f.family)) {
          // Hot path: a single stored value (a `sys:JSON` array is one value) needs no list.
          return {
            type: wrap(SCALARS[r.base], f.family),
            resolve: (node) => {
              const v = node.doc[f.prop];
              return v === undefined || v === null ? null : outputValue(r.base, r.datatype, v);
            },
          };
        }
        return {
          type: wrap(SCALARS[r.base], f.family),
          resolve: (node) => fieldValues(f, node).map((v) => outputValue(r.base, r.datatype, v)),
        };
      case 'enum':
        return { type: wrap(this.inputs.enumType(r.enumName), f.family), resolve: (node) => single(f.family, fieldValues(f, node)) };
      case 'foreign':
        return {
          type: wrap(GraphQLID, f.family),
          resolve: (node, _args, rc) => single(f.family, fieldValues(f, node).map((v) => (typeof v === 'string' ? idOut(rc, v) : v))),
        };
      case 'class': {
        const target = this.frames.classes.get(r.cls);
        const type = wrap(this.objectType(r.cls), f.family);
        if (target !== undefined && isCollection(f.family)) {
          return this.collectionField(target, type, (node, _args, rc) => linkedNodes(rc, node, fieldValues(f, node)));
        }
        return { type, resolve: (node, _args, rc) => linkedNodes(rc, node, fieldValues(f, node))[0] ?? null };
      }
      default: {
        const never: never = r;
        return never;
      }
    }
  }

  private fields(cls: FrameClass): GraphQLFieldConfigMap<Node, RequestContext> {
    const fields: GraphQLFieldConfigMap<Node, RequestContext> = {};
    for (const f of cls.fields) fields[f.name] = this.propertyField(f);
    for (const inv of cls.inverse) {
      const domain = this.frames.classes.get(inv.domain);
      if (domain === undefined) continue;
      const type = new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(this.objectType(domain.name))));
      fields[inv.name] = this.collectionField(domain, type, (node, _args, rc) => backlinkNodes(rc, node, inv.prop, domain.id));
    }
    for (const target of this.frames.classes.values()) {
      const type = new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(this.objectType(target.name))));
      const allowed = new Set(target.withChildren);
      const reach = (node: Node, path: string, rc: RequestContext): Node[] => {
        const reached = evalPath(rc, parsePathCached(path), [node]);
        const seen = new Set<string>();
        return reached.filter((n) => allowed.has(typeOfNode(n) ?? '') && !seen.has(n.id) && seen.add(n.id) !== undefined);
      };
      const field = this.collectionField(target, type, (node, args, rc) => {
        const path = String(args['path']);
        const memo = rc.paths;
        if (memo === undefined) return reach(node, path, rc);
        let byPath = memo.get(node);
        if (byPath === undefined) {
          byPath = new Map();
          memo.set(node, byPath);
        }
        const key = `${target.name}\u0000${path}`;
        let nodes = byPath.get(key);
        if (nodes === undefined) {
          nodes = reach(node, path, rc);
          byPath.set(key, nodes);
        }
        return nodes;
      });
      fields[pathFieldName(target.name)] = { ...field, args: { ...field.args, path: { type: new GraphQLNonNull(GraphQLString) } } };
    }
    fields['_id'] = { type: new GraphQLNonNull(GraphQLID), resolve: (node, _a, rc) => idOut(rc, node.id) };
    fields['_type'] = {
      type: new GraphQLNonNull(GraphQLID),
      resolve: (node, _a, rc) => rc.frames.nameOfClass.get(typeOfNode(node) ?? '') ?? typeOfNode(node) ?? null,
    };
    fields['_json'] = {
      type: new GraphQLNonNull(JSONScalar),
      resolve: (node, _a, rc) => JSON.stringify(renderDocument(rc.snapshot, 'instance', node.doc, { compressIds: true, unfold: true }), null, 2),
    };
    return fields;
  }
}
