import { ChangeType, type Change } from '@graphql-inspector/core';
import type { AffectedOperation, OperationSource } from '../CheckReport.js';
import type { ClientOperation, OperationUsage } from './ClientOperation.js';

/** An operation with its usage, computed once against the baseline schema. */
export interface AnalysedOperation {
  readonly op: ClientOperation;
  readonly usage: OperationUsage;
}

/** The coordinates whose use makes a change hit an operation. */
export function changeCoordinates(change: Change): string[] {
  const path = change.path;
  if (path === undefined || path === '') return [];
  const parent = path.split('.').slice(0, -1).join('.');
  switch (change.type) {
    // A new required argument or input field, or a changed default, hits every use of the field / input type.
    case ChangeType.FieldArgumentAdded:
    case ChangeType.InputFieldAdded:
    case ChangeType.FieldArgumentDefaultChanged:
    case ChangeType.InputFieldDefaultValueChanged:
    // A new enum value reaches every operation that reads the enum.
    case ChangeType.EnumValueAdded:
      return [parent];
    case ChangeType.UnionMemberRemoved: {
      const meta = change.meta as { removedUnionMemberTypeName?: string };
      return meta.removedUnionMemberTypeName !== undefined ? [meta.removedUnionMemberTypeName] : [path];
    }
    default:
      return [path];
  }
}

/**
 * The operations a change hits, merged by operation type and name (anonymous operations by source):
 * `uses` when a document certainly uses a coordinate of the change, `may-use` when only variable values can.
 */
export function affectedOperations(change: Change, analysed: readonly AnalysedOperation[]): AffectedOperation[] {
  const coordinates = changeCoordinates(change);
  if (coordinates.length === 0) return [];
  const merged = new Map<string, { name: string | null; type: string; usage: 'uses' | 'may-use'; sources: OperationSource[] }>();
  for (const { op, usage } of analysed) {
    const certain = coordinates.some((c) => usage.uses.has(c));
    if (!certain && !coordinates.some((c) => usage.mayUse.has(c))) continue;
    const key = op.name !== null ? `${op.type} ${op.name}` : `${op.type} #${merged.size}`;
    const entry = merged.get(key) ?? { name: op.name, type: op.type, usage: 'may-use' as const, sources: [] };
    if (certain) entry.usage = 'uses';
    entry.sources.push(op.source);
    merged.set(key, entry);
  }
  return [...merged.values()]
    .map((e) => {
      const clients: Record<string, number> = {};
      for (const s of e.sources) if (s.kind === 'recorded') for (const [c, n] of Object.entries(s.clients)) clients[c] = (clients[c] ?? 0) + n;
      return { ...e, clients, requests: Object.values(clients).reduce((a, b) => a + b, 0) };
    })
    .sort((a, b) => (a.usage === b.usage ? 0 : a.usage === 'uses' ? -1 : 1) || b.requests - a.requests || (a.name ?? '').localeCompare(b.name ?? ''));
}
