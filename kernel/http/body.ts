import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ApiError } from '../errors.js';
import type { Json } from '../types.js';

/** 413 with a JSON body when a request body passes the configured limit. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * Reads the whole request body, inflating `gzip`/`deflate` content encodings, and stops with
 * PayloadTooLargeError as soon as the (decoded) body passes `limit` bytes.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit);
  const encoding = String(req.headers['content-encoding'] ?? '').toLowerCase();
  let source: Readable = req;
  if (encoding === 'gzip' || encoding === 'x-gzip') source = req.pipe(createGunzip());
  else if (encoding === 'deflate') source = req.pipe(createInflate());
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > limit) {
        req.resume();
        throw new PayloadTooLargeError(limit);
      }
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof PayloadTooLargeError) throw err;
    throw new ApiError('api:failure', 'Could not decode the request body', {
      '@type': 'api:BadRequestBody',
    });
  }
  return Buffer.concat(chunks);
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Parses a sequence of JSON values, concatenated or separated by white space, as TerminusDB's
 * document endpoints accept them. Returns null when the text is not such a sequence.
 */
export function parseJsonSequence(text: string): Json[] | null {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    return [JSON.parse(trimmed) as Json];
  } catch {
    // fall through: maybe several values
  }
  const values: Json[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const end = scanValueEnd(text, i);
    if (end < 0) return null;
    try {
      values.push(JSON.parse(text.slice(i, end)) as Json);
    } catch {
      return null;
    }
    i = end;
  }
  return values;
}

/** End offset (exclusive) of the JSON value starting at `start`, or -1. */
function scanValueEnd(text: string, start: number): number {
  const first = text[start];
  if (first === '{' || first === '[') {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  if (first === '"') {
    for (let i = start + 1; i < text.length; i++) {
      const c = text[i];
      if (c === '\\') i++;
      else if (c === '"') return i + 1;
    }
    return -1;
  }
  let i = start;
  while (i < text.length && !WS.has(text.charCodeAt(i)) && !'{["'.includes(text[i] ?? '')) i++;
  return i;
}
