import { diagnostic } from '../diagnostics.js';
import { getClass } from '../model/queries.js';
import type { OntologyRule } from './OntologyValidationContext.js';

/** Every `@inherits` entry names a class of the schema (TerminusDB: `inherits_from_non_existent_class`). */
export const UnknownParentRule: OntologyRule = (context) => ({
  Class(cls) {
    for (const parent of cls.inherits) {
      if (getClass(context.model, parent) === undefined) {
        context.reportError(diagnostic('UNKNOWN_PARENT', `inherits from "${parent}", which is not a class of the schema`, {
          file: cls.file, document: cls.id, property: '@inherits',
        }));
      }
    }
  },
});
