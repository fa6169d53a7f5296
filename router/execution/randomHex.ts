import { randomFillSync } from 'node:crypto';

// trace and span ids from a pool: one randomFillSync per ~170 requests instead of a randomBytes call per id
const pool = Buffer.alloc(4096);
let at = pool.length;

/** `bytes` random bytes as lower-case hex (from a pooled CSPRNG buffer). */
export function randomHex(bytes: number): string {
  if (at + bytes > pool.length) {
    randomFillSync(pool);
    at = 0;
  }
  at += bytes;
  return pool.toString('hex', at - bytes, at);
}
