/** Turns texts into unit-length vectors. */
export interface Embedder {
  /** Provider kind (`use`, `openai`, `lexical`). */
  readonly provider: string;
  /** Model id stored with every vector: a different id re-embeds. */
  readonly model: string;
  readonly dimensions: number;
  /** One unit-length vector per text, in order. `signal` aborts a long call. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  close?(): Promise<void>;
}

/** A provider that failed (network, model, bad answer): the caller retries with backoff. */
export class EmbedderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbedderError';
  }
}

/** The vector scaled to length 1 (a zero vector stays zero). */
export function normalize(v: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(v);
  let sum = 0;
  for (let i = 0; i < out.length; i++) sum += (out[i] as number) ** 2;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / norm;
  return out;
}
