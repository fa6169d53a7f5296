import { diagnostic } from '../diagnostics.js';
import { isDatatype } from '../model/queries.js';
import type { OntologyRule } from './OntologyValidationContext.js';

/** Every property range is a known datatype or a schema document (TerminusDB: `not_a_class_or_base_type`). */
export const UnknownRangeRule: OntologyRule = (context) => ({
  Property(prop, owner) {
    const at = { file: owner.file, document: owner.id, property: prop.name };
    if (prop.range === 'sys:JSONDocument') {
      context.reportError(diagnostic('INVALID_RANGE', 'sys:JSONDocument cannot be a property range', at));
    } else if (!isDatatype(prop.range) && !context.model.documents.has(prop.range)) {
      context.reportError(diagnostic('UNKNOWN_RANGE', `range "${prop.range}" is neither a datatype nor a class, enum or tagged union of the schema`, at));
    }
  },
});
