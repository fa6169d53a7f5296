import { createHash } from 'node:crypto';
import { normalize, type Embedder } from './Embedder.js';

function bucket(gram: string, dimensions: number): { index: number; sign: number } {
  const h = createHash('sha1').update(gram).digest();
  return { index: h.readUInt32LE(0) % dimensions, sign: (h[4] as number) & 1 ? 1 : -1 };
}

/**
 * Deterministic hashed n-grams (words and character trigrams, signed feature hashing): fast and
 * stable, no meaning beyond shared words. For tests and the explicit `lexical` mode only — never a
 * fallback for a failing model.
 */
export function lexicalEmbedder(dimensions = 256): Embedder {
  const model = `lexical-ngram-v1-${dimensions}`;
  const embedOne = (text: string): Float32Array => {
    const v = new Float64Array(dimensions);
    const words = text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
    for (const w of words) {
      const { index, sign } = bucket(`w:${w}`, dimensions);
      v[index] = (v[index] as number) + 2 * sign;
      const padded = ` ${w} `;
      for (let i = 0; i + 3 <= padded.length; i++) {
        const g = bucket(`c:${padded.slice(i, i + 3)}`, dimensions);
        v[g.index] = (v[g.index] as number) + g.sign;
      }
    }
    return normalize(v);
  };
  return {
    provider: 'lexical',
    model,
    dimensions,
    embed: (texts) => Promise.resolve(texts.map(embedOne)),
  };
}
