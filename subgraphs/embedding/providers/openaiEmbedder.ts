import { EmbedderError, normalize, type Embedder } from './Embedder.js';

/** Settings of an OpenAI-compatible embeddings server. */
export interface OpenAIEmbedderOptions {
  /** Base URL (`EMBEDDING_URL`), e.g. `https://api.openai.com` or `http://127.0.0.1:11434`; `/v1/embeddings` is appended unless the URL ends with it. */
  readonly url: string;
  /** Model name sent as `model` (`EMBEDDING_MODEL`). */
  readonly model: string;
  /** Bearer key (`EMBEDDING_API_KEY`), if the server wants one. */
  readonly apiKey?: string;
  /** Vector length the model returns; null: learnt from the first answer (a probe at start). */
  readonly dimensions?: number;
  /** Texts per request (default 64). */
  readonly batch?: number;
  /** Request timeout (ms, default 30 000). */
  readonly timeoutMs?: number;
}

interface EmbeddingsAnswer {
  data?: { index?: number; embedding?: unknown }[];
}

function endpoint(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/v1/embeddings') ? trimmed : `${trimmed}/v1/embeddings`;
}

/**
 * Any server that speaks OpenAI's `POST /v1/embeddings` (`{model, input: [..]}` →
 * `{data: [{index, embedding}]}`): OpenAI, Azure-compatible proxies, Ollama, vLLM, LocalAI, TEI.
 * Probes the server once to learn the dimensions when they are not given.
 */
export async function openaiEmbedder(options: OpenAIEmbedderOptions): Promise<Embedder> {
  const url = endpoint(options.url);
  const batch = options.batch ?? 64;
  const call = async (input: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> => {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
        body: JSON.stringify({ model: options.model, input }),
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
    } catch (err) {
      signal?.throwIfAborted();
      throw new EmbedderError(`${url} did not answer: ${(err as Error).message}`, { cause: err });
    }
    const text = await response.text();
    if (!response.ok) throw new EmbedderError(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
    let answer: EmbeddingsAnswer;
    try {
      answer = JSON.parse(text) as EmbeddingsAnswer;
    } catch {
      throw new EmbedderError(`${url} answered with something other than JSON`);
    }
    const data = answer.data;
    if (!Array.isArray(data) || data.length !== input.length) throw new EmbedderError(`${url} answered ${Array.isArray(data) ? data.length : 'no'} embeddings for ${input.length} inputs`);
    const out: Float32Array[] = new Array(input.length);
    data.forEach((d, position) => {
      const at = typeof d.index === 'number' ? d.index : position;
      if (!Array.isArray(d.embedding) || !d.embedding.every((x) => typeof x === 'number') || at < 0 || at >= input.length) {
        throw new EmbedderError(`${url} answered a malformed embedding (index ${at})`);
      }
      out[at] = normalize(d.embedding as number[]);
    });
    return out;
  };
  const dimensions = options.dimensions ?? (await call(['dimension probe']))[0]?.length ?? 0;
  if (dimensions <= 0) throw new EmbedderError(`${url} answered an empty embedding`);
  return {
    provider: 'openai',
    model: `openai:${options.model}`,
    dimensions,
    async embed(texts, signal) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batch) {
        signal?.throwIfAborted();
        for (const v of await call(texts.slice(i, i + batch), signal)) {
          if (v.length !== dimensions) throw new EmbedderError(`${url} answered ${v.length} dimensions, expected ${dimensions}`);
          out.push(v);
        }
      }
      return out;
    },
  };
}
