import { createHash } from 'node:crypto';
import { supergraphError } from '../../../lib/index.js';

/** What a connection cursor pins: the commit of the first page, a position, and the query it belongs to. */
export interface Cursor {
  /** Commit id the first page was read at. */
  readonly commit: string;
  /** Offset of the next element after the cursor. */
  readonly offset: number;
  /** Hash of the connection's coordinate, filter and ordering. */
  readonly hash: string;
}

/** A short stable hash of what a connection selects (field coordinate, filter, ordering). */
export function connectionHash(coordinate: string, filter: unknown, orderBy: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([coordinate, filter ?? null, orderBy ?? null]))
    .digest('base64url')
    .slice(0, 12);
}

/** Encodes a cursor as opaque base64url text. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([1, c.commit, c.offset, c.hash])).toString('base64url');
}

/** Decodes a cursor; INVALID_CURSOR when malformed or made for another connection (`hash`). */
export function decodeCursor(text: string, hash: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || parsed[0] !== 1) throw supergraphError('INVALID_CURSOR', 'The cursor is malformed');
  const [, commit, offset, h] = parsed as unknown[];
  if (typeof commit !== 'string' || !/^[0-9a-z]{1,64}$/.test(commit) || typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0 || typeof h !== 'string') {
    throw supergraphError('INVALID_CURSOR', 'The cursor is malformed');
  }
  if (h !== hash) throw supergraphError('INVALID_CURSOR', 'The cursor belongs to another query (filter, ordering or field differ)');
  return { commit, offset, hash: h };
}
