import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../../lib/index.js';
import type { RouterPlugin } from './RouterPlugin.js';

/** One recorded operation (by signature), for breaking-change checks. */
export interface OperationRecord {
  readonly signature: string;
  readonly name: string | null;
  readonly type: string;
  /** `Type.field` coordinates the operation uses. */
  readonly fields: readonly string[];
  /** Requests per client name (`apollographql-client-name`, `unknown` when absent). */
  clients: Record<string, number>;
  count: number;
  readonly firstSeen: string;
  lastSeen: string;
}

/** The operations file. */
export interface OperationsFile {
  readonly version: 1;
  readonly updatedAt: string;
  readonly operations: readonly OperationRecord[];
}

/** Options of {@link useOperationRecorder}. */
export interface OperationRecorderOptions {
  /** The JSON file (`ROUTER_OPERATIONS_FILE`); existing records are kept and added to. */
  readonly file: string;
  /** Flush period, ms. */
  readonly flushMs: number;
  readonly logger: Logger;
}

/** Records each operation's signature, fields, clients and counts, flushed to a JSON file periodically and on close. */
export function useOperationRecorder(options: OperationRecorderOptions): RouterPlugin & { flush(): Promise<void> } {
  const records = new Map<string, OperationRecord>();
  let dirty = false;
  const loaded = readFile(options.file, 'utf8').then(
    (text) => {
      const doc = JSON.parse(text) as Partial<OperationsFile>;
      for (const r of doc.operations ?? []) if (!records.has(r.signature)) records.set(r.signature, { ...r, clients: { ...r.clients } });
    },
    () => undefined,
  );
  const flush = async (): Promise<void> => {
    await loaded;
    if (!dirty) return;
    dirty = false;
    const doc: OperationsFile = { version: 1, updatedAt: new Date().toISOString(), operations: [...records.values()].sort((a, b) => b.count - a.count) };
    const tmp = `${options.file}.${process.pid}.tmp`;
    try {
      await mkdir(dirname(options.file), { recursive: true });
      await writeFile(tmp, `${JSON.stringify(doc, null, 2)}\n`);
      await rename(tmp, options.file);
    } catch (err) {
      dirty = true;
      options.logger.error({ err: (err as Error).message, file: options.file }, 'cannot write the operations file');
    }
  };
  const timer = setInterval(() => void flush(), options.flushMs);
  timer.unref();
  return {
    name: 'operation-recorder',
    onOperation({ prepared, clientName }) {
      const now = new Date().toISOString();
      let r = records.get(prepared.signature);
      if (r === undefined) {
        r = { signature: prepared.signature, name: prepared.operationName ?? null, type: prepared.operationType, fields: prepared.coordinates, clients: {}, count: 0, firstSeen: now, lastSeen: now };
        records.set(prepared.signature, r);
      }
      const client = clientName ?? 'unknown';
      r.clients[client] = (r.clients[client] ?? 0) + 1;
      r.count++;
      r.lastSeen = now;
      dirty = true;
      return undefined;
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
