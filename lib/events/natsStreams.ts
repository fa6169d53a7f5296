import { DiscardPolicy, nanos, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from 'nats';
import type { StreamSpec } from './streams.js';

/** The JetStream configuration of a stream spec (file storage, limits retention, discard old). */
export function streamConfig(spec: StreamSpec, replicas: number): Partial<StreamConfig> & { name: string } {
  return {
    name: spec.name,
    subjects: [`${spec.prefix}.>`],
    storage: StorageType.File,
    retention: spec.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: spec.maxAgeMs > 0 ? nanos(spec.maxAgeMs) : 0,
    max_msgs: spec.maxMsgs > 0 ? spec.maxMsgs : -1,
    max_msgs_per_subject: spec.maxMsgsPerSubject > 0 ? spec.maxMsgsPerSubject : -1,
    duplicate_window: nanos(spec.maxAgeMs > 0 ? Math.min(spec.duplicateWindowMs, spec.maxAgeMs) : spec.duplicateWindowMs),
    num_replicas: replicas,
  };
}

/** Creates each stream, or updates its limits when it exists (data is kept). */
export async function ensureStreams(jsm: JetStreamManager, specs: readonly StreamSpec[], replicas: number): Promise<void> {
  for (const spec of specs) {
    const config = streamConfig(spec, replicas);
    let exists = true;
    try {
      await jsm.streams.info(spec.name);
    } catch (err) {
      if (!/stream not found/i.test((err as Error).message)) throw err;
      exists = false;
    }
    if (exists) await jsm.streams.update(spec.name, config);
    else await jsm.streams.add(config);
  }
}

/** Whether a NATS error means "try again" (broker restarting, disconnected, timed out). */
export function isTransientNatsError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const code = String(e.code ?? '');
  const message = String(e.message ?? '');
  return ['TIMEOUT', '503', 'CONNECTION_CLOSED', 'DISCONNECT', 'CONNECTION_REFUSED', 'CONNECTION_DRAINING'].includes(code) || /timeout|no responders|disconnect|closed|jetstream not (enabled|available)/i.test(message);
}
