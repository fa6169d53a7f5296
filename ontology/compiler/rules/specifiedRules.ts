import { GraphQLNameClashRule } from './GraphQLNameClashRule.js';
import { InheritanceCycleRule } from './InheritanceCycleRule.js';
import { InheritedPropertyConflictRule } from './InheritedPropertyConflictRule.js';
import { KeyFieldsRule } from './KeyFieldsRule.js';
import { MetadataReferenceRule } from './MetadataReferenceRule.js';
import type { OntologyRule } from './OntologyValidationContext.js';
import { ReservedNameRule } from './ReservedNameRule.js';
import { SubdocumentKeyRule } from './SubdocumentKeyRule.js';
import { UnknownParentRule } from './UnknownParentRule.js';
import { UnknownRangeRule } from './UnknownRangeRule.js';
import { UnsupportedConstructRule } from './UnsupportedConstructRule.js';

/** Every rule the compiler runs, in the order their diagnostics are reported. */
export const specifiedRules: readonly OntologyRule[] = Object.freeze([
  UnknownRangeRule,
  UnknownParentRule,
  InheritanceCycleRule,
  SubdocumentKeyRule,
  KeyFieldsRule,
  InheritedPropertyConflictRule,
  ReservedNameRule,
  UnsupportedConstructRule,
  MetadataReferenceRule,
  GraphQLNameClashRule,
]);
