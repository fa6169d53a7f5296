import type { ArgDef, FieldDef, TypeDef } from './sdlModel.js';

/** Federation spec linked by the generated schema, and the directives it imports. */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.7';
const FEDERATION_IMPORTS = ['@authenticated', '@composeDirective', '@key', '@requiresScopes', '@shareable'];
/** Spec that carries `@oneOf` through composition into the supergraph. */
export const ONE_OF_LINK = 'https://specs.terminus-supergraph.dev/oneof/v0.1';

function description(text: string | undefined, indent: string): string[] {
  if (text === undefined) return [];
  if (!text.includes('\n')) return [`${indent}${JSON.stringify(text)}`];
  const body = text.replace(/"""/g, '\\"""').split('\n').map((line) => (line === '' ? '' : `${indent}${line}`));
  return [`${indent}"""`, ...body, `${indent}"""`];
}

function directives(list: readonly string[] | undefined): string {
  return list === undefined || list.length === 0 ? '' : ` ${list.join(' ')}`;
}

function printArg(arg: ArgDef): string {
  return `${arg.name}: ${arg.type}${arg.defaultValue !== undefined ? ` = ${arg.defaultValue}` : ''}`;
}

function printField(field: FieldDef): string[] {
  const lines = description(field.description, '  ');
  const args = field.args ?? [];
  const tail = `: ${field.type}${directives(field.directives)}`;
  if (args.length === 0) return [...lines, `  ${field.name}${tail}`];
  if (args.every((a) => a.description === undefined)) return [...lines, `  ${field.name}(${args.map(printArg).join(', ')})${tail}`];
  return [
    ...lines,
    `  ${field.name}(`,
    ...args.flatMap((a) => [...description(a.description, '    '), `    ${printArg(a)}`]),
    `  )${tail}`,
  ];
}

function printType(def: TypeDef): string[] {
  const head = description(def.description, '');
  const dirs = directives(def.directives);
  switch (def.kind) {
    case 'scalar':
      return [...head, `scalar ${def.name}${dirs}`];
    case 'union':
      return [...head, `union ${def.name}${dirs} = ${def.members.join(' | ')}`];
    case 'enum':
      return [...head, `enum ${def.name}${dirs} {`, ...def.values.flatMap((v) => [...description(v.description, '  '), `  ${v.name}`]), '}'];
    case 'input':
      return [...head, `input ${def.name}${dirs} {`, ...def.fields.flatMap(printField), '}'];
    case 'object':
    case 'interface': {
      const impl = def.interfaces !== undefined && def.interfaces.length > 0 ? ` implements ${def.interfaces.join(' & ')}` : '';
      const keyword = def.kind === 'object' ? 'type' : 'interface';
      return [...head, `${keyword} ${def.name}${impl}${dirs} {`, ...def.fields.flatMap(printField), '}'];
    }
    default: {
      const never: never = def;
      throw new Error(`unreachable type ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Prints a Federation 2 subgraph SDL: header comment lines, the `extend schema @link(...)` block, the
 * `@oneOf` definition, `Query`, `Mutation`, then every other type in the order given (sorted by the caller).
 */
export function printSdl(types: readonly TypeDef[], header: readonly string[]): string {
  const fed = FEDERATION_IMPORTS.map((d) => JSON.stringify(d)).join(', ');
  const blocks: string[][] = [
    [
      ...header.map((line) => `# ${line}`.trimEnd()),
      '',
      'extend schema',
      `  @link(url: "${FEDERATION_LINK}", import: [${fed}])`,
      `  @link(url: "${ONE_OF_LINK}", import: ["@oneOf"])`,
      '  @composeDirective(name: "@oneOf")',
    ],
    ['"""Exactly one field of the input object must be given (GraphQL `@oneOf` input objects)."""', 'directive @oneOf on INPUT_OBJECT'],
  ];
  const root = ['Query', 'Mutation'];
  const ordered = [...root.flatMap((n) => types.filter((t) => t.name === n)), ...types.filter((t) => !root.includes(t.name))];
  for (const def of ordered) blocks.push(printType(def));
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
