import { diagnostic } from '../diagnostics.js';
import { getClass, isCollection } from '../model/queries.js';
import type { OntologyRule } from './OntologyValidationContext.js';

/**
 * Constructs valid in TerminusDB that the GraphQL compiler does not map: tagged unions that are not
 * subdocuments (a GraphQL union cannot be an entity), abstract subdocuments, inheritance between a
 * document class and a subdocument class, and collections of tagged unions or of `sys:Unit`.
 */
export const UnsupportedConstructRule: OntologyRule = (context) => ({
  Class(cls) {
    const at = { file: cls.file, document: cls.id };
    if (cls.kind === 'TaggedUnion' && !cls.subdocument) {
      context.reportError(diagnostic('UNSUPPORTED', 'a TaggedUnion must be a @subdocument to be compiled to a GraphQL union', at));
    }
    if (cls.subdocument && cls.abstract) {
      context.reportError(diagnostic('UNSUPPORTED', 'abstract subdocument classes are not supported', at));
    }
    for (const parentId of cls.inherits) {
      const parent = getClass(context.model, parentId);
      if (parent !== undefined && (parent.subdocument !== cls.subdocument || parent.kind !== cls.kind)) {
        context.reportError(diagnostic('UNSUPPORTED', `cannot inherit from "${parentId}": both must be ${cls.subdocument ? 'subdocument' : 'document'} ${cls.kind === 'Class' ? 'classes' : 'tagged unions'}`, { ...at, property: '@inherits' }));
      }
    }
  },
  Property(prop, owner) {
    const at = { file: owner.file, document: owner.id, property: prop.name };
    const range = getClass(context.model, prop.range);
    if (isCollection(prop) && (range?.kind === 'TaggedUnion' || prop.range === 'sys:Unit')) {
      context.reportError(diagnostic('UNSUPPORTED', `a ${prop.family} of ${prop.range} is not supported; wrap it in a subdocument class`, at));
    }
    if (owner.kind === 'Class' && prop.range === 'sys:Unit') {
      context.reportError(diagnostic('UNSUPPORTED', 'sys:Unit is only supported as a TaggedUnion branch', at));
    }
    if (owner.kind === 'TaggedUnion' && prop.family !== 'Required') {
      context.reportError(diagnostic('UNSUPPORTED', 'tagged-union branches must be single-valued', at));
    }
  },
});
