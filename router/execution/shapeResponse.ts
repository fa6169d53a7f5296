import {
  assert,
  ERRORS,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isSubtype,
  isValidLeafValue,
  typenameFieldName,
  Variable,
  type CompositeType,
  type FieldSelection,
  type Operation,
  type Schema,
  type Selection,
  type SelectionSet,
  type Type,
} from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql/index.js';

/*
 * The executor's post-processing (`computeResponse` of `@apollo/gateway` 2.14, `resultShaping.js`)
 * with the operation's selections compiled once per plan instead of walked through the federation
 * model for every object of every response: same traversal, same output (objects in selection order),
 * same errors. Type-condition and `__typename` checks are memoised per selection. Output objects are
 * plain literals (V8 fast properties: cheaper to build and to serialise than the gateway's
 * `Object.create(null)` dictionaries), null-prototype only when a response key is `__proto__`.
 */

type If = boolean | { readonly variable: string; readonly text: string } | undefined;

/** A field's type, unwrapped once. */
type Shape =
  | { readonly k: 'nonNull'; readonly type: Type; readonly of: Shape }
  | { readonly k: 'list'; readonly type: Type; readonly of: Shape }
  | { readonly k: 'composite'; readonly type: Type }
  | { readonly k: 'leaf'; readonly type: Type };

interface FieldStep {
  readonly kind: 'field';
  readonly skip: If;
  readonly include: If;
  readonly responseName: string;
  /** `__schema`/`__type`: answered by the introspection handler. */
  readonly introspection: FieldSelection | undefined;
  readonly typename: boolean;
  readonly shape: Shape;
  readonly sub: Compiled | undefined;
}

interface FragmentStep {
  readonly kind: 'fragment';
  readonly skip: If;
  readonly include: If;
  readonly typeCondition: CompositeType | undefined;
  readonly sub: Compiled;
  /** typeConditionApplies by `__typename` (`t:`) or parent type (`p:`). */
  readonly applies: Map<string, boolean>;
}

interface Compiled {
  readonly steps: (FieldStep | FragmentStep)[];
}

interface Params {
  readonly object: () => Record<string, unknown>;
  readonly schema: Schema;
  readonly variables: Record<string, unknown>;
  readonly errors: GraphQLError[];
  readonly introspection: (f: FieldSelection) => unknown;
}

interface Update {
  readonly updated: unknown;
  readonly isInvalid?: boolean;
  readonly hasErrors?: boolean;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function ifOf(selection: Selection, which: 'skip' | 'include'): If {
  const schema = selection.element.schema();
  const directive = selection.element.appliedDirectivesOf(which === 'skip' ? schema.skipDirective() : schema.includeDirective())[0];
  if (directive === undefined) return undefined;
  const arg = (directive.arguments() as { if?: unknown }).if;
  if (arg instanceof Variable) return { variable: arg.name, text: `${String(arg)} of ${String(directive)}` };
  return arg as boolean;
}

function shapeOf(type: Type): Shape {
  if (isNonNullType(type)) return { k: 'nonNull', type, of: shapeOf(type.ofType) };
  if (isListType(type)) return { k: 'list', type, of: shapeOf(type.ofType) };
  if (isCompositeType(type)) return { k: 'composite', type };
  return { k: 'leaf', type };
}

function compile(set: SelectionSet, seen: Map<SelectionSet, Compiled>): Compiled {
  const known = seen.get(set);
  if (known !== undefined) return known;
  const compiled: Compiled = { steps: [] };
  seen.set(set, compiled);
  for (const selection of set.selections()) {
    const skip = ifOf(selection, 'skip');
    const include = ifOf(selection, 'include');
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      compiled.steps.push({
        kind: 'field',
        skip,
        include,
        responseName: field.responseName(),
        introspection: field.definition.isSchemaIntrospectionField() ? selection : undefined,
        typename: field.name === typenameFieldName,
        shape: shapeOf(field.definition.type as Type),
        sub: selection.selectionSet !== undefined ? compile(selection.selectionSet, seen) : undefined,
      });
    } else {
      compiled.steps.push({ kind: 'fragment', skip, include, typeCondition: selection.element.typeCondition, sub: compile(selection.selectionSet, seen), applies: new Map() });
    }
  }
  return compiled;
}

function ifValue(v: Exclude<If, undefined>, variables: Record<string, unknown>): boolean {
  if (typeof v !== 'object') return v;
  const value = variables[v.variable];
  assert(value !== undefined && typeof value === 'boolean', () => `Unexpected value ${String(value)} for variable ${v.text}`);
  return value;
}

function skipped(step: FieldStep | FragmentStep, variables: Record<string, unknown>): boolean {
  return (step.skip !== undefined && ifValue(step.skip, variables)) || (step.include !== undefined && !ifValue(step.include, variables));
}

function typeConditionApplies(step: FragmentStep, schema: Schema, typename: string | undefined, parentType: CompositeType): boolean {
  const condition = step.typeCondition;
  if (condition === undefined) return true;
  const key = typename ? `t:${typename}` : `p:${parentType.name}`;
  let applies = step.applies.get(key);
  if (applies === undefined) {
    if (typename) {
      const type = schema.type(typename);
      applies = !!type && isSubtype(condition, type);
    } else applies = isSubtype(condition, parentType);
    step.applies.set(key, applies);
  }
  return applies;
}

function describeLast(path: readonly (string | number)[], currentType: Type, parentType: CompositeType): string {
  const element = path[path.length - 1];
  assert(element !== undefined, 'Should not have been called on an empty path');
  return typeof element === 'string' ? `field ${String(parentType)}.${element}` : `array element of type ${String(currentType)} at index ${element}`;
}

/** Returns true when a null must bubble up (NULL_BUBBLE_UP). */
function applySelectionSet(input: Record<string, unknown>, set: Compiled, output: Record<string, unknown>, p: Params, path: (string | number)[], parentType: CompositeType): boolean {
  for (const step of set.steps) {
    if ((step.skip !== undefined || step.include !== undefined) && skipped(step, p.variables)) continue;
    if (step.kind === 'field') {
      const responseName = step.responseName;
      const outputValue = output[responseName];
      if (step.introspection !== undefined) {
        if (outputValue === undefined) output[responseName] = p.introspection(step.introspection);
        continue;
      }
      let inputValue = (hasOwn(input, responseName) ? input[responseName] : undefined) ?? null;
      if (step.typename) {
        if (outputValue === undefined) {
          if (inputValue === null && responseName !== typenameFieldName) inputValue = input[typenameFieldName] ?? null;
          const type = inputValue !== null && typeof inputValue === 'string' ? (p.schema.type(inputValue) ?? parentType) : parentType;
          if (!isObjectType(type)) return true;
          output[responseName] = type.name;
        }
        continue;
      }
      path.push(responseName);
      const { updated, isInvalid } = updateOutputValue(outputValue, step.shape, inputValue, step.sub, path, p, parentType);
      output[responseName] = updated;
      path.pop();
      if (isInvalid === true) return true;
    } else {
      const typename = input[typenameFieldName];
      assert(!typename || typeof typename === 'string', () => `Got unexpected value for __typename: ${String(typename)}`);
      if (typeConditionApplies(step, p.schema, typename as string | undefined, parentType)) {
        if (applySelectionSet(input, step.sub, output, p, path, step.typeCondition ?? parentType)) return true;
      }
    }
  }
  return false;
}

function updateOutputValue(outputValue: unknown, shape: Shape, inputValue: unknown, sub: Compiled | undefined, path: (string | number)[], p: Params, parentType: CompositeType): Update {
  assert(inputValue !== undefined, 'Should not pass undefined for `inputValue` to this method');
  if (outputValue === null || (outputValue !== undefined && sub === undefined)) return { updated: outputValue };
  switch (shape.k) {
    case 'nonNull': {
      const { updated, hasErrors } = updateOutputValue(outputValue, shape.of, inputValue, sub, path, p, parentType);
      if (updated === null) {
        if (hasErrors !== true) {
          p.errors.push(ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describeLast(path, shape.of.type, parentType)}.`, { path: Array.from(path) }));
        }
        return { updated, isInvalid: true, hasErrors: true };
      }
      return { updated };
    }
    case 'list': {
      if (inputValue === null) return { updated: null };
      assert(Array.isArray(inputValue), () => `Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${String(shape.type)}`);
      assert(outputValue === undefined || Array.isArray(outputValue), () => `Invalid non-list value ${String(outputValue)} returned by subgraph for list type ${String(shape.type)}`);
      const input = inputValue as unknown[];
      const outputList = outputValue === undefined ? undefined : (outputValue as unknown[]);
      assert(outputList === undefined || input.length === outputList.length, () => `[${String(input)}].length (${input.length}) !== [${String(outputList)}].length (${outputList?.length})`);
      let shouldNullify = false;
      let hasErrors = false;
      const updated = new Array<unknown>(input.length);
      for (let idx = 0; idx < input.length; idx++) {
        path.push(idx);
        const elt = updateOutputValue(outputList === undefined ? undefined : outputList[idx], shape.of, input[idx], sub, path, p, parentType);
        path.pop();
        shouldNullify ||= elt.isInvalid === true;
        hasErrors ||= elt.hasErrors === true;
        updated[idx] = elt.updated;
      }
      return { updated: shouldNullify ? null : updated, hasErrors };
    }
    case 'composite': {
      if (inputValue === null) return { updated: null };
      assert(sub, () => `Invalid empty selection set for composite type ${String(shape.type)}`);
      assert(typeof inputValue === 'object', () => `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${String(shape.type)}`);
      assert(outputValue === undefined || typeof outputValue === 'object', () => `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${String(shape.type)}`);
      const input = inputValue as Record<string, unknown>;
      const inputTypename = input[typenameFieldName];
      assert(inputTypename === undefined || typeof inputTypename === 'string', () => `Invalid non-string value ${String(inputTypename)} for __typename at ${String(path)}`);
      let objType = shape.type as CompositeType;
      if (inputTypename) {
        const typenameType = p.schema.type(inputTypename as string);
        if (!typenameType || !isCompositeType(typenameType)) {
          p.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${describeLast(path, shape.type, parentType)}.`, { path: Array.from(path) }));
          return { updated: null, hasErrors: true };
        }
        objType = typenameType;
      }
      const outputObject = outputValue === undefined ? p.object() : (outputValue as Record<string, unknown>);
      const hasErrors = applySelectionSet(input, sub, outputObject, p, path, objType);
      return { updated: hasErrors ? null : outputObject, hasErrors };
    }
    case 'leaf': {
      if (inputValue === null) return { updated: null };
      assert(outputValue === undefined, () => `Excepted output to be undefined but got ${String(shape.type)} for type ${String(shape.type)}`);
      const isValid = isValidLeafValue(p.schema, inputValue, shape.type as Parameters<typeof isValidLeafValue>[2]);
      if (!isValid) p.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describeLast(path, shape.type, parentType)}.`, { path: Array.from(path) }));
      return { updated: isValid ? inputValue : null, hasErrors: !isValid };
    }
  }
}

/** The operation's response shaper: `computeResponse` for one operation, compiled (the executor's input is never null). */
export interface ResponseShaper {
  (input: Record<string, unknown>, variables: Readonly<Record<string, unknown>>, introspection: (f: FieldSelection) => unknown): {
    data: Record<string, unknown> | null;
    errors: GraphQLError[];
  };
}

/** Compiles `computeResponse` for an operation (built with `operationFromDocument` on the API schema). */
export function compileResponseShaper(operation: Operation): ResponseShaper {
  const schema = operation.schema();
  const seen = new Map<SelectionSet, Compiled>();
  const root = compile(operation.selectionSet, seen);
  const protoKey = [...seen.values()].some((c) => c.steps.some((st) => st.kind === 'field' && st.responseName === '__proto__'));
  const object = protoKey ? (): Record<string, unknown> => Object.create(null) as Record<string, unknown> : (): Record<string, unknown> => ({});
  const rootType = schema.schemaDefinition.rootType(operation.rootKind) as CompositeType;
  const defaults = operation.collectDefaultedVariableValues() as Record<string, unknown>;
  const hasDefaults = Object.keys(defaults).length > 0;
  return (input, variables, introspection) => {
    const p: Params = {
      object,
      schema,
      variables: hasDefaults ? ({ __proto__: null, ...defaults, ...variables } as Record<string, unknown>) : ({ __proto__: null, ...variables } as Record<string, unknown>),
      errors: [],
      introspection,
    };
    const data = object();
    const bubbled = applySelectionSet(input, root, data, p, [], rootType);
    return { data: bubbled ? null : data, errors: p.errors };
  };
}
