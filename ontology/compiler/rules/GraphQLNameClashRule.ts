import { diagnostic, type DiagnosticLocation } from '../diagnostics.js';
import { backlinks } from '../model/backlinks.js';
import { allProperties, ancestors, classes, enums, isDocumentClass } from '../model/queries.js';
import {
  GENERATED_SUFFIXES, STATIC_MUTATION_FIELDS, STATIC_QUERY_FIELDS, STATIC_TYPE_NAMES, enumValueName, mutationFieldNames, rootFieldNames, sanitizeName, typeName,
  unionBranchTypeName,
} from '../graphql/names.js';
import type { OntologyRule } from './OntologyValidationContext.js';

interface Claim {
  readonly what: string;
  readonly at: DiagnosticLocation;
}

/**
 * After GraphQL name sanitising, no two things claim the same name: type names (classes, enums and the
 * types generated for them), root Query and Mutation fields, fields of one type (properties, inherited
 * properties and backlinks), and values of one enum.
 */
export const GraphQLNameClashRule: OntologyRule = (context) => {
  const namespaces = new Map<string, Map<string, Claim>>();
  const claim = (namespace: string, name: string, what: string, at: DiagnosticLocation): void => {
    const names = namespaces.get(namespace) ?? new Map<string, Claim>();
    namespaces.set(namespace, names);
    const previous = names.get(name);
    if (previous === undefined) return void names.set(name, { what, at });
    const where = namespace === 'types' ? 'type' : `${namespace}`;
    context.reportError(diagnostic('NAME_CLASH', `${what} and ${previous.what} both become GraphQL ${where} "${name}"`, at));
  };
  return {
    leave() {
      const { model } = context;
      for (const name of STATIC_TYPE_NAMES) claim('types', name, `built-in type ${name}`, {});
      for (const name of STATIC_QUERY_FIELDS) claim('Query fields', name, `built-in field ${name}`, {});
      for (const name of STATIC_MUTATION_FIELDS) claim('Mutation fields', name, `built-in field ${name}`, {});
      for (const def of enums(model)) {
        const at = { file: def.file, document: def.id };
        claim('types', typeName(def), `enum "${def.id}"`, at);
        for (const suffix of ['Filter', 'CollectionFilter']) claim('types', typeName(def) + suffix, `generated ${suffix} of enum "${def.id}"`, at);
        for (const value of def.values) claim(`values of enum ${def.id}`, enumValueName(value), `value "${value}"`, { ...at, property: value });
      }
      for (const cls of classes(model)) {
        const at = { file: cls.file, document: cls.id };
        const t = typeName(cls);
        if (!STATIC_TYPE_NAMES.has(t)) claim('types', t, `class "${cls.id}"`, at);
        for (const suffix of GENERATED_SUFFIXES) claim('types', t + suffix, `generated ${suffix} of "${cls.id}"`, at);
        if (cls.kind === 'TaggedUnion') {
          for (const p of cls.properties) claim('types', unionBranchTypeName(cls, p.name), `branch type of "${cls.id}.${p.name}"`, { ...at, property: p.name });
        }
        if (isDocumentClass(cls)) {
          const { one, many } = rootFieldNames(cls);
          claim('Query fields', one, `root field of "${cls.id}"`, at);
          claim('Query fields', many, `root list field of "${cls.id}"`, at);
          if (!cls.abstract) for (const f of Object.values(mutationFieldNames(cls))) claim('Mutation fields', f, `mutation of "${cls.id}"`, at);
        }
        const fields = `fields of type ${t}`;
        claim(fields, 'id', 'the generated id field', at);
        for (const p of allProperties(model, cls)) claim(fields, sanitizeName(p.name), `property "${p.name}"`, { ...at, property: p.name });
      }
      for (const link of backlinks(model)) {
        const at = { file: link.source.file, document: link.source.id, property: link.path.join('.') };
        for (const cls of classes(model)) {
          if (cls.id !== link.target.id && !ancestors(model, cls).some((a) => a.id === link.target.id)) continue;
          claim(`fields of type ${typeName(cls)}`, link.fieldName, `backlink of "${link.source.id}.${link.path.join('.')}"`, at);
        }
      }
    },
  };
};
