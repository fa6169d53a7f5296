import type { JsonObject, LinkRef } from '../types.js';

/**
 * One stored version of a document, shared by every snapshot that contains it. Records loaded
 * from disk keep their JSON text and parse it on first read; records written in this process keep
 * the caller's object. Either way the content never changes, only its representation.
 */
export interface DocRecord {
  /** Document-order key: `orderKey(seq of first appearance, id)`. */
  readonly key: string;
  /** Instance graph: the contracted class. */
  readonly type: string | undefined;
  readonly links: readonly LinkRef[] | undefined;
  /** JSON text, until parsed. */
  text: string | undefined;
  /** Parsed document, once known. */
  doc: JsonObject | undefined;
}

/** The parsed document of a record (parses once, then drops the text). */
export function recordDoc(rec: DocRecord): JsonObject {
  if (rec.doc === undefined) {
    rec.doc = JSON.parse(rec.text ?? 'null') as JsonObject;
    rec.text = undefined;
  }
  return rec.doc;
}

/** The JSON text of a record (as stored on disk). */
export function recordText(rec: DocRecord): string {
  return rec.text ?? JSON.stringify(rec.doc);
}

const SEQ_WIDTH = 8;

/**
 * Sort key of document order: the commit sequence number where the id first appeared (fixed-width
 * base 36, so string order is numeric order), then the id.
 */
export function orderKey(seq: number, id: string): string {
  return seq.toString(36).padStart(SEQ_WIDTH, '0') + id;
}

/** Separator inside composite index keys; ids and class names never contain it. */
export const SEP = '\u0000';
/** The character right after `SEP`: upper bound of a prefix range. */
export const SEP_END = '\u0001';
