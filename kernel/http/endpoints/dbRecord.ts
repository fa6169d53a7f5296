import type { DatabaseRecord, JsonObject } from '../../types.js';

/** The system record of a database as `/api/db?verbose=true` and `/api/` show it (§3.4). */
export function databaseRecordJson(db: DatabaseRecord): JsonObject {
  return {
    '@id': `UserDatabase/${db.id}`,
    '@type': 'UserDatabase',
    name: db.name,
    label: db.label,
    comment: db.comment,
    creation_date: db.creationDate,
    state: 'finalized',
    path: `${db.org}/${db.name}`,
  };
}
