import { diagnostic } from '../diagnostics.js';
import { STATIC_TYPE_NAMES, sanitizeName } from '../graphql/names.js';
import type { OntologyRule } from './OntologyValidationContext.js';

/**
 * Names the generated schema keeps for itself: class ids that are GraphQL built-ins or static types
 * (`Query`, `PageInfo`, `JSON`, ...), names starting with `_` (TerminusDB's `_id`, `_type`, `_json`, and
 * GraphQL's `__`), and the property `id` (every type gets `id: ID!`).
 */
export const ReservedNameRule: OntologyRule = (context) => ({
  Class(cls) {
    const name = sanitizeName(cls.id);
    const at = { file: cls.file, document: cls.id };
    if (STATIC_TYPE_NAMES.has(name) || name.startsWith('_')) {
      context.reportError(diagnostic('RESERVED_NAME', `class name "${cls.id}" is reserved by the generated schema`, at));
    }
  },
  Enum(def) {
    const name = sanitizeName(def.id);
    if (STATIC_TYPE_NAMES.has(name) || name.startsWith('_')) {
      context.reportError(diagnostic('RESERVED_NAME', `enum name "${def.id}" is reserved by the generated schema`, { file: def.file, document: def.id }));
    }
  },
  Property(prop, owner) {
    const name = sanitizeName(prop.name);
    if (name === 'id' || name.startsWith('_')) {
      context.reportError(diagnostic('RESERVED_NAME', `property name "${prop.name}" is reserved (every type has "id"; "_" names belong to TerminusDB)`, {
        file: owner.file, document: owner.id, property: prop.name,
      }));
    }
  },
});
