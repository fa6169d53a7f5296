import type { Diagnostic } from '../diagnostics.js';
import type { ClassDef, EnumDef, ForeignDef, OntologyModel, PropertyDef } from '../model/types.js';

/** What a rule sees: the model, and a way to report a problem. Modelled on graphql-js `ValidationContext`. */
export interface OntologyValidationContext {
  readonly model: OntologyModel;
  reportError(diagnostic: Diagnostic): void;
}

/** Hooks a rule may implement; the validator calls them for every schema document in source order. */
export interface OntologyVisitor {
  /** A Class or TaggedUnion document. */
  Class?(cls: ClassDef): void;
  /** An own property (or tagged-union branch) of a Class or TaggedUnion. */
  Property?(property: PropertyDef, owner: ClassDef): void;
  Enum?(def: EnumDef): void;
  Foreign?(def: ForeignDef): void;
  /** After every document has been visited. */
  leave?(): void;
}

/** A validation rule: `(context) => visitor`, one per file, like graphql-js validation rules. */
export type OntologyRule = (context: OntologyValidationContext) => OntologyVisitor;
