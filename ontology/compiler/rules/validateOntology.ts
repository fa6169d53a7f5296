import type { Diagnostic } from '../diagnostics.js';
import type { OntologyModel } from '../model/types.js';
import type { OntologyRule, OntologyVisitor } from './OntologyValidationContext.js';
import { specifiedRules } from './specifiedRules.js';

/** Runs the rules over the model in one pass and returns every diagnostic they report. */
export function validateOntology(model: OntologyModel, rules: readonly OntologyRule[] = specifiedRules): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const context = { model, reportError: (d: Diagnostic): void => void diagnostics.push(d) };
  const visitors: OntologyVisitor[] = rules.map((rule) => rule(context));
  for (const def of model.documents.values()) {
    for (const visitor of visitors) {
      switch (def.kind) {
        case 'Class':
        case 'TaggedUnion':
          visitor.Class?.(def);
          for (const prop of def.properties) visitor.Property?.(prop, def);
          break;
        case 'Enum':
          visitor.Enum?.(def);
          break;
        case 'Foreign':
          visitor.Foreign?.(def);
          break;
        default: {
          const never: never = def;
          throw new Error(`unreachable schema document ${JSON.stringify(never)}`);
        }
      }
    }
  }
  for (const visitor of visitors) visitor.leave?.();
  return diagnostics;
}
