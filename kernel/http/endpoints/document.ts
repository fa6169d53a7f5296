import type { Endpoint } from '../route.js';
import { getDocuments, headDocuments } from './documentGet.js';
import { deleteDocuments, insertDocuments, replaceDocuments } from './documentWrite.js';

/** `/api/document/{path}` (§4). */
export const documentEndpoint: Endpoint = {
  name: 'document',
  methods: {
    GET: { errorType: 'api:GetDocumentErrorResponse', handle: getDocuments },
    HEAD: { errorType: 'api:AccessDocumentErrorResponse', handle: headDocuments },
    POST: { errorType: 'api:InsertDocumentErrorResponse', handle: insertDocuments },
    PUT: { errorType: 'api:ReplaceDocumentErrorResponse', handle: replaceDocuments },
    DELETE: { errorType: 'api:DeleteDocumentErrorResponse', handle: deleteDocuments },
  },
};
