import { diagnostic } from '../diagnostics.js';
import { allProperties } from '../model/queries.js';
import type { OntologyRule } from './OntologyValidationContext.js';

/**
 * Lexical and Hash keys name properties the class has (own or inherited) that are single-valued, and an
 * abstract class carries no key (keys are not inherited).
 */
export const KeyFieldsRule: OntologyRule = (context) => ({
  Class(cls) {
    const key = cls.key;
    if (key === undefined) return;
    const at = { file: cls.file, document: cls.id, property: '@key' };
    if (cls.abstract) {
      context.reportError(diagnostic('KEY_ON_ABSTRACT', 'keys are not inherited, so an abstract class must not have a @key', at));
    }
    if (key.type !== 'Lexical' && key.type !== 'Hash') return;
    const props = new Map(allProperties(context.model, cls).map((p) => [p.name, p]));
    for (const field of key.fields) {
      const prop = props.get(field);
      if (prop === undefined) {
        context.reportError(diagnostic('UNKNOWN_KEY_FIELD', `${key.type} key field "${field}" is not a property of the class`, at));
      } else if (prop.family !== 'Required' && prop.family !== 'Optional') {
        context.reportError(diagnostic('COLLECTION_KEY_FIELD', `${key.type} key field "${field}" is a ${prop.family}; use single-valued key fields`, at));
      }
    }
  },
});
