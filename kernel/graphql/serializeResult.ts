import { RAW_NUMBER_MARKER } from './values.js';

const MARKED = new RegExp(`"${RAW_NUMBER_MARKER}(-?[0-9][0-9.eE+-]*)"`, 'g');

/**
 * The JSON text of a GraphQL response. BigInt and BigFloat values too precise for a JS number are
 * carried as marker strings and written here as bare JSON numbers (TerminusDB's wire format).
 */
export function serializeResult(body: unknown): string {
  const text = JSON.stringify(body);
  return text.includes(RAW_NUMBER_MARKER) ? text.replace(MARKED, '$1') : text;
}
