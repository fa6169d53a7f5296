import { Kind, parse, type ConstDirectiveNode } from 'graphql/index.js';

/** A Subscription field served from the event bus (`@eventStream(subject, lookup, each)` in subgraph SDL). */
export interface EventStreamField {
  /** The Subscription field name. */
  readonly field: string;
  /** Bus subject template: `{db}` and `{<argument>}` placeholders, e.g. `commits.{db}.{branch}`. */
  readonly subject: string;
  /** The Query field (taking `id: ID!`) that resolves the event's object. */
  readonly lookup: string;
  /**
   * A list field of the payload (`changes`): the event yields one envelope per element whose fields
   * equal the subscription's arguments of the same name; the element's fields join the envelope.
   */
  readonly each: string | undefined;
}

function stringArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg?.value.kind === Kind.STRING ? arg.value.value : undefined;
}

const cache = new Map<string, ReadonlyMap<string, EventStreamField>>();

/** The `@eventStream` fields of a supergraph SDL's Subscription type (composed through `@composeDirective`). */
export function readEventStreams(sdl: string, key: string): ReadonlyMap<string, EventStreamField> {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const out = new Map<string, EventStreamField>();
  const doc = parse(sdl, { noLocation: true });
  for (const def of doc.definitions) {
    if ((def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) || def.name.value !== 'Subscription') continue;
    for (const field of def.fields ?? []) {
      const d = field.directives?.find((x) => x.name.value === 'eventStream');
      if (d === undefined) continue;
      const subject = stringArg(d, 'subject');
      const lookup = stringArg(d, 'lookup');
      if (subject !== undefined && lookup !== undefined) out.set(field.name.value, { field: field.name.value, subject, lookup, each: stringArg(d, 'each') });
    }
  }
  if (cache.size > 16) cache.clear();
  cache.set(key, out);
  return out;
}
