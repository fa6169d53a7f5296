import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `length` random characters `[0-9a-z]` (unbiased: bytes ≥ 252 are redrawn). */
export function randomId(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 252) out += ALPHABET[b % 36];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A commit identifier: 31 characters `[0-9a-z]` (§7.1). */
export const newCommitId = (): string => randomId(31);

/** A database record id: 16 characters. */
export const newDatabaseId = (): string => randomId(16);

/** Now as ISO-8601 UTC without milliseconds, e.g. `2025-01-01T00:00:00Z`. */
export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Unix seconds with fraction, strictly greater than `previous`. */
export function nextTimestamp(previous: number): number {
  const now = (performance.timeOrigin + performance.now()) / 1000;
  return now > previous ? now : previous + 1e-6;
}
