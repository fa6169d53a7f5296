/** A hit of a vector search: slot and cosine similarity. */
export interface SlotHit {
  readonly slot: number;
  readonly score: number;
}

/**
 * Keeps the `k` best scores seen: a binary min-heap (the worst kept score at the root) over typed
 * arrays, so a candidate that does not beat the floor costs one comparison and one that does costs
 * O(log k).
 */
export class TopK {
  readonly #k: number;
  readonly #slots: Int32Array;
  readonly #scores: Float64Array;
  #n = 0;

  constructor(k: number) {
    this.#k = Math.max(0, k);
    this.#slots = new Int32Array(this.#k);
    this.#scores = new Float64Array(this.#k);
  }

  /** The score a candidate must beat to enter. */
  get floor(): number {
    return this.#n < this.#k ? -Infinity : (this.#scores[0] as number);
  }

  push(slot: number, score: number): void {
    if (this.#k === 0) return;
    if (this.#n < this.#k) {
      // Sift up from the new leaf.
      let i = this.#n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((this.#scores[parent] as number) <= score) break;
        this.#scores[i] = this.#scores[parent] as number;
        this.#slots[i] = this.#slots[parent] as number;
        i = parent;
      }
      this.#scores[i] = score;
      this.#slots[i] = slot;
      return;
    }
    if (score <= (this.#scores[0] as number)) return;
    // Replace the root and sift down.
    let i = 0;
    const n = this.#n;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (this.#scores[r] as number) < (this.#scores[l] as number) ? r : l;
      if ((this.#scores[c] as number) >= score) break;
      this.#scores[i] = this.#scores[c] as number;
      this.#slots[i] = this.#slots[c] as number;
      i = c;
    }
    this.#scores[i] = score;
    this.#slots[i] = slot;
  }

  /** Best first (ties: lower slot first). */
  hits(): SlotHit[] {
    const out: SlotHit[] = [];
    for (let i = 0; i < this.#n; i++) out.push({ slot: this.#slots[i] as number, score: this.#scores[i] as number });
    return out.sort((a, b) => b.score - a.score || a.slot - b.slot);
  }
}

/** Dot product of `query` and the vector at `offset` of `matrix` (unit vectors: cosine similarity). */
export function dotAt(matrix: Float32Array, offset: number, query: Float32Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const d = query.length;
  let i = 0;
  for (; i + 4 <= d; i += 4) {
    const o = offset + i;
    s0 += (matrix[o] as number) * (query[i] as number);
    s1 += (matrix[o + 1] as number) * (query[i + 1] as number);
    s2 += (matrix[o + 2] as number) * (query[i + 2] as number);
    s3 += (matrix[o + 3] as number) * (query[i + 3] as number);
  }
  for (; i < d; i++) s0 += (matrix[offset + i] as number) * (query[i] as number);
  return s0 + s1 + s2 + s3;
}
