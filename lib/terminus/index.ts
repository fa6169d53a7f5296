export { terminusSettingsFromEnv } from './settings.js';
export { refPath, Terminus, type GraphQLAnswer, type Ref, type SizedGraphQLAnswer, type TerminusSettings } from './Terminus.js';
export { TerminusError, toTerminusError } from './TerminusError.js';
export { invalidDocuments, schemaWitnesses, witnessDocument, type InvalidDocument } from './witnesses.js';
export { fromTerminusBranch, listBranches, toTerminusBranch } from './branches.js';
