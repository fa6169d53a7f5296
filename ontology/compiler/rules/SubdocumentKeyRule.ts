import { diagnostic } from '../diagnostics.js';
import type { OntologyRule } from './OntologyValidationContext.js';

/**
 * A subdocument class has a `@key` (TerminusDB: `api:SubdocumentKeyMissing`) and is not also `@shared`
 * (`incompatible_class_annotations`).
 */
export const SubdocumentKeyRule: OntologyRule = (context) => ({
  Class(cls) {
    if (!cls.subdocument) return;
    const at = { file: cls.file, document: cls.id };
    if (cls.key === undefined) {
      context.reportError(diagnostic('SUBDOCUMENT_KEY_MISSING', 'a @subdocument class needs a @key (e.g. {"@type": "Random"})', { ...at, property: '@key' }));
    }
    if (cls.shared) {
      context.reportError(diagnostic('INCOMPATIBLE_CLASS_ANNOTATIONS', '@subdocument and @shared cannot be combined', { ...at, property: '@shared' }));
    }
  },
});
