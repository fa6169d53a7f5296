/**
 * The public error-code catalogue: every `extensions.code` a client of the supergraph can see.
 * Keep `lib/errors/README.md` in step (a test checks it).
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: { http: 400, description: 'An argument is invalid (bad filter value, k out of range, empty text).' },
  INVALID_REF: { http: 400, description: 'A `ref` names both a branch and a commit, or an invalid time.' },
  INVALID_CURSOR: { http: 400, description: 'A paging cursor is malformed or belongs to another query.' },
  INVALID_BRANCH_NAME: { http: 400, description: 'A branch name breaks the naming rules (main, prod/*, svc-*, feature/*).' },
  BRANCH_NOT_FOUND: { http: 404, description: 'The branch does not exist.' },
  COMMIT_NOT_FOUND: { http: 404, description: 'The commit does not exist.' },
  NOT_FOUND: { http: 404, description: 'The document to change does not exist.' },
  CONFLICT: { http: 409, description: 'The change conflicts with the current state (document exists, branch moved, promote conflicts).' },
  SCHEMA_VIOLATION: { http: 400, description: "TerminusDB refused the write; `extensions.witnesses` holds TerminusDB's witnesses. Nothing was committed." },
  UNAUTHENTICATED: { http: 401, description: 'No valid token: missing, expired, wrong issuer/audience/signature or algorithm.' },
  FORBIDDEN: { http: 403, description: 'The caller may not do this (branch policy, unsigned subgraph call).' },
  UNAUTHORIZED_FIELD_OR_TYPE: { http: 200, description: 'Fields removed because the caller lacks `@authenticated` or `@requiresScopes` rights.' },
  BAD_REQUEST: { http: 400, description: 'The HTTP request is not a GraphQL request: malformed JSON, no query, unknown operation, wrong method.' },
  GRAPHQL_PARSE_FAILED: { http: 400, description: 'The document is not valid GraphQL syntax.' },
  GRAPHQL_VALIDATION_FAILED: { http: 400, description: 'The document does not validate against the schema.' },
  PERSISTED_QUERY_NOT_FOUND: { http: 200, description: 'Automatic persisted query: hash unknown, send the query text.' },
  OPERATION_NOT_TRUSTED: { http: 400, description: 'Only trusted documents are accepted and this one is not in the manifest.' },
  MAX_DEPTH_EXCEEDED: { http: 400, description: 'The operation is nested deeper than allowed.' },
  MAX_ALIASES_EXCEEDED: { http: 400, description: 'The operation uses more aliases than allowed.' },
  MAX_ROOT_FIELDS_EXCEEDED: { http: 400, description: 'The operation selects more root fields than allowed.' },
  COST_LIMIT_EXCEEDED: { http: 400, description: 'The estimated cost (from list sizes) passes the maximum.' },
  PAYLOAD_TOO_LARGE: { http: 413, description: 'The request body passes the size limit.' },
  SUBGRAPH_UNAVAILABLE: { http: 502, description: 'A subgraph failed or its circuit breaker is open.' },
  TERMINUSDB_UNAVAILABLE: { http: 503, description: 'TerminusDB (or the kernel) does not answer.' },
  EMBEDDING_PROVIDER_UNAVAILABLE: { http: 503, description: 'The embedding provider (the USE model worker or the OpenAI-compatible server) failed; the embedding service retries it with backoff.' },
  TIMEOUT: { http: 504, description: 'An upstream call took longer than its timeout.' },
  INTERNAL_SERVER_ERROR: { http: 500, description: 'Unexpected failure; details are logged, never sent.' },
} as const satisfies Record<string, { http: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
