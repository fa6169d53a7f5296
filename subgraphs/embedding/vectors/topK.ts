/** A hit of a vector search: slot and cosine similarity. */
export interface SlotHit {
  readonly slot: number;
  readonly score: number;
}

/** Keeps the `k` best scores seen (insertion into a short sorted array: k ≤ a few hundred). */
export class TopK {
  readonly #k: number;
  readonly #slots: number[] = [];
  readonly #scores: number[] = [];

  constructor(k: number) {
    this.#k = k;
  }

  /** The score a candidate must beat to enter. */
  get floor(): number {
    return this.#scores.length < this.#k ? -Infinity : (this.#scores[this.#scores.length - 1] as number);
  }

  push(slot: number, score: number): void {
    if (score <= this.floor) return;
    let i = this.#scores.length;
    while (i > 0 && (this.#scores[i - 1] as number) < score) i--;
    this.#scores.splice(i, 0, score);
    this.#slots.splice(i, 0, slot);
    if (this.#scores.length > this.#k) {
      this.#scores.pop();
      this.#slots.pop();
    }
  }

  /** Best first. */
  hits(): SlotHit[] {
    return this.#slots.map((slot, i) => ({ slot, score: this.#scores[i] as number }));
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
    s0 += (matrix[offset + i] as number) * (query[i] as number);
    s1 += (matrix[offset + i + 1] as number) * (query[i + 1] as number);
    s2 += (matrix[offset + i + 2] as number) * (query[i + 2] as number);
    s3 += (matrix[offset + i + 3] as number) * (query[i + 3] as number);
  }
  for (; i < d; i++) s0 += (matrix[offset + i] as number) * (query[i] as number);
  return s0 + s1 + s2 + s3;
}
