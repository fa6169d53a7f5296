import { diagnostic } from '../diagnostics.js';
import { ancestors } from '../model/queries.js';
import type { PropertyDef } from '../model/types.js';
import type { OntologyRule } from './OntologyValidationContext.js';

function signature(p: PropertyDef): string {
  return `${p.family} ${p.range}`;
}

/**
 * A property a class declares or inherits from several parents has one range and family
 * (TerminusDB: `violation_of_diamond_property`); redefining an inherited property differently is also
 * rejected, because the generated interface and its implementations must agree.
 */
export const InheritedPropertyConflictRule: OntologyRule = (context) => ({
  Class(cls) {
    const seen = new Map<string, { prop: PropertyDef; from: string }>();
    for (const source of [cls, ...ancestors(context.model, cls)]) {
      for (const prop of source.properties) {
        const previous = seen.get(prop.name);
        if (previous === undefined) {
          seen.set(prop.name, { prop, from: source.id });
        } else if (signature(previous.prop) !== signature(prop)) {
          context.reportError(diagnostic('PROPERTY_CONFLICT',
            `"${prop.name}" is ${signature(previous.prop)} in ${previous.from} but ${signature(prop)} in ${source.id}`,
            { file: cls.file, document: cls.id, property: prop.name }));
        }
      }
    }
  },
});
