import { diagnostic } from '../diagnostics.js';
import { getClass } from '../model/queries.js';
import type { OntologyRule } from './OntologyValidationContext.js';

/** No class inherits from itself, directly or transitively (TerminusDB: `cycle_in_class`). */
export const InheritanceCycleRule: OntologyRule = (context) => ({
  Class(cls) {
    const path: string[] = [cls.id];
    const visit = (id: string): boolean => {
      if (id === cls.id) return true;
      if (path.includes(id)) return false;
      path.push(id);
      const found = (getClass(context.model, id)?.inherits ?? []).some(visit);
      if (!found) path.pop();
      return found;
    };
    if (cls.inherits.some(visit)) {
      context.reportError(diagnostic('INHERITANCE_CYCLE', `inherits from itself: ${[...path, cls.id].join(' → ')}`, {
        file: cls.file, document: cls.id, property: '@inherits',
      }));
    }
  },
});
