import {
  getNamedType,
  type GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type OperationTypeNode,
} from 'graphql/index.js';
import { supergraphError } from '../../lib/index.js';
import type { AuthorizedOperation } from '../auth/authorizeOperation.js';
import { isBranchSite, type BranchSite } from '../auth/checkBranchAccess.js';
import type { BranchPolicy } from '../auth/branchPolicy.js';
import { measureOperation, type OperationShape } from '../limits/measureOperation.js';
import type { SchemaGeneration } from '../schema/SchemaGeneration.js';
import { isGraphQLError } from '../http/errorShape.js';
import { LruCache } from './LruCache.js';
import { operationSignature } from './operationSignature.js';

/** A parsed, validated, analysed operation of one schema generation (cached by document text). */
export interface PreparedOperation {
  readonly generation: SchemaGeneration;
  readonly query: string;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly operationName: string | undefined;
  readonly operationType: OperationTypeNode;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly shape: OperationShape;
  /** `Type.field` coordinates the operation selects (sorted). */
  readonly coordinates: readonly string[];
  readonly signature: string;
  /** Whether any selected field or type carries `@authenticated`/`@requiresScopes`. */
  readonly protected: boolean;
  /** Fields with branch-bearing arguments (when a branch policy is set). */
  readonly branchSites: readonly BranchSite[];
  /** Authorization outcomes by caller rights (filled by the router). */
  readonly authorized: LruCache<string, AuthorizedOperation>;
}

/** Options of {@link prepareDocument}. */
export interface PrepareOptions {
  readonly introspection: boolean;
  readonly branchPolicy: BranchPolicy | undefined;
}

/**
 * Parses, validates and analyses a document for one generation; returns the request error
 * (`GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`, `BAD_REQUEST`) otherwise.
 */
export function prepareDocument(generation: SchemaGeneration, query: string, operationName: string | undefined, options: PrepareOptions): PreparedOperation | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: 50_000 });
  } catch (err) {
    const e = err as GraphQLError;
    return [supergraphError('GRAPHQL_PARSE_FAILED', e.message, e.locations !== undefined ? { locations: e.locations } : {})];
  }
  const rules = options.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const errors = validate(generation.schema, document, rules, { maxErrors: 20 });
  if (errors.length > 0) {
    return errors.map((e) => supergraphError('GRAPHQL_VALIDATION_FAILED', e.message, e.locations !== undefined ? { locations: e.locations } : {}));
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName !== undefined ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (operation === undefined) {
    const message = operationName !== undefined ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.';
    return [supergraphError('BAD_REQUEST', message)];
  }
  const all: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) all[d.name.value] = d;
  const fragments = usedFragments(operation, all);

  const coordinates = new Set<string>();
  const branchSites: BranchSite[] = [];
  const { types: protectedTypes, fields: protectedFields } = generation.authDirectives;
  let isProtected = false;
  const mutationType = generation.schema.getMutationType();
  const typeInfo = new TypeInfo(generation.schema);
  const analysed: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...Object.values(fragments)] };
  visit(
    analysed,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const def = typeInfo.getFieldDef();
        if (parent == null || def == null || node.name.value.startsWith('__')) return;
        const coordinate = `${parent.name}.${node.name.value}`;
        coordinates.add(coordinate);
        if (protectedFields.has(coordinate) || protectedTypes.has(getNamedType(def.type).name)) isProtected = true;
        if (options.branchPolicy !== undefined && isBranchSite(options.branchPolicy, def)) {
          branchSites.push({ node, def: def as BranchSite['def'], mutation: parent === mutationType });
        }
      },
      InlineFragment(node) {
        if (node.typeCondition !== undefined && protectedTypes.has(node.typeCondition.name.value)) isProtected = true;
      },
      FragmentDefinition(node) {
        if (protectedTypes.has(node.typeCondition.name.value)) isProtected = true;
      },
    }),
  );
  return {
    generation,
    query,
    document,
    operation,
    operationName: operation.name?.value ?? operationName,
    operationType: operation.operation,
    fragments,
    shape: measureOperation(operation, fragments),
    coordinates: [...coordinates].sort(),
    signature: operationSignature(operation, fragments),
    protected: isProtected,
    branchSites,
    authorized: new LruCache(64),
  };
}

/** The fragments an operation reaches (transitively). */
function usedFragments(operation: OperationDefinitionNode, all: Readonly<Record<string, FragmentDefinitionNode>>): Record<string, FragmentDefinitionNode> {
  const used: Record<string, FragmentDefinitionNode> = {};
  const pending = [operation.selectionSet];
  while (pending.length > 0) {
    const set = pending.pop();
    if (set === undefined) break;
    visit(set, {
      FragmentSpread(node) {
        const f = all[node.name.value];
        if (f !== undefined && used[f.name.value] === undefined) {
          used[f.name.value] = f;
          pending.push(f.selectionSet);
        }
      },
    });
  }
  return used;
}

/** Whether a value is a list of errors (what prepareDocument returns on failure). */
export function isErrorList(v: PreparedOperation | readonly GraphQLError[]): v is readonly GraphQLError[] {
  return Array.isArray(v) && (v.length === 0 || isGraphQLError(v[0]));
}
