import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse, type FragmentDefinitionNode } from 'graphql';
import type { OperationWarning } from '../CheckReport.js';
import type { ResolvedCheckOptions } from '../CheckOptions.js';
import { splitDocument, type ClientOperation } from './ClientOperation.js';
import { globFiles } from './globFiles.js';

/** The router's operations file (`router/plugins/useOperationRecorder.ts`, version 1), as far as checks read it. */
interface RecordedFile {
  readonly version?: number;
  readonly operations?: readonly {
    readonly signature?: unknown;
    readonly name?: unknown;
    readonly type?: unknown;
    readonly fields?: unknown;
    readonly clients?: unknown;
    readonly count?: unknown;
    readonly lastSeen?: unknown;
  }[];
}

/** The client operations to check, and the documents that could not be read. */
export interface LoadedOperations {
  readonly operations: readonly ClientOperation[];
  readonly warnings: readonly OperationWarning[];
}

/**
 * Collects the client operations: every operation of the `.graphql` files matching `operations` (fragments
 * may live in any of those files, as with codegen), of the persisted-documents `manifest`, and of the
 * router's `recorded` operations file (signature, fields, clients, counts). Missing files are skipped.
 */
export async function loadOperations(options: ResolvedCheckOptions): Promise<LoadedOperations> {
  const operations: ClientOperation[] = [];
  const warnings: OperationWarning[] = [];

  const files = await globFiles(options.root, options.operations);
  const parsed = [];
  const sharedFragments: Record<string, FragmentDefinitionNode> = {};
  for (const file of files) {
    try {
      const doc = splitDocument(parse(await readFile(resolve(options.root, file), 'utf8')));
      Object.assign(sharedFragments, doc.fragments);
      parsed.push({ file, ...doc });
    } catch (err) {
      warnings.push({ operation: '(document)', source: file, message: (err as Error).message });
    }
  }
  for (const { file, operations: ops } of parsed) {
    for (const op of ops) {
      operations.push({ name: op.name?.value ?? null, type: op.operation, source: { kind: 'file', file }, operation: op, fragments: sharedFragments, recordedFields: [] });
    }
  }

  const manifestPath = resolve(options.root, options.manifest);
  if (existsSync(manifestPath)) {
    const manifest = await readJson<Record<string, unknown>>(manifestPath, options.manifest, warnings);
    for (const [hash, text] of Object.entries(manifest ?? {})) {
      if (typeof text !== 'string') continue;
      try {
        const doc = splitDocument(parse(text));
        for (const op of doc.operations) {
          operations.push({ name: op.name?.value ?? null, type: op.operation, source: { kind: 'manifest', file: options.manifest, hash }, operation: op, fragments: doc.fragments, recordedFields: [] });
        }
      } catch (err) {
        warnings.push({ operation: hash, source: options.manifest, message: (err as Error).message });
      }
    }
  }

  if (options.recorded !== undefined && existsSync(resolve(options.root, options.recorded))) {
    const recorded = await readJson<RecordedFile>(resolve(options.root, options.recorded), options.recorded, warnings);
    for (const r of recorded?.operations ?? []) {
      if (typeof r.signature !== 'string') continue;
      const clients: Record<string, number> = {};
      if (typeof r.clients === 'object' && r.clients !== null) {
        for (const [client, n] of Object.entries(r.clients)) if (typeof n === 'number') clients[client] = n;
      }
      const fields = Array.isArray(r.fields) ? r.fields.filter((f): f is string => typeof f === 'string') : [];
      let operation = null;
      let fragments = {};
      try {
        const doc = splitDocument(parse(r.signature));
        operation = doc.operations[0] ?? null;
        fragments = doc.fragments;
      } catch {
        // the recorded fields still tell what it selects
      }
      operations.push({
        name: typeof r.name === 'string' ? r.name : (operation?.name?.value ?? null),
        type: typeof r.type === 'string' ? r.type : (operation?.operation ?? 'query'),
        source: {
          kind: 'recorded',
          file: options.recorded,
          signature: r.signature,
          clients,
          count: typeof r.count === 'number' ? r.count : Object.values(clients).reduce((a, b) => a + b, 0),
          lastSeen: typeof r.lastSeen === 'string' ? r.lastSeen : '',
        },
        operation,
        fragments,
        recordedFields: fields,
      });
    }
  }
  return { operations, warnings };
}

/** A JSON file, or undefined with a warning when it does not parse. */
async function readJson<T>(path: string, name: string, warnings: OperationWarning[]): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (err) {
    warnings.push({ operation: '(file)', source: name, message: `cannot read: ${(err as Error).message}` });
    return undefined;
  }
}
