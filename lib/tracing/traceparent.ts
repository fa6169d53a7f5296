import { randomBytes } from 'node:crypto';

/** A W3C trace context (`traceparent: 00-<trace id>-<parent id>-<flags>`). */
export interface TraceContext {
  readonly traceId: string;
  readonly parentId: string;
  readonly flags: string;
}

const PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Parses a traceparent header; undefined when absent or invalid (all-zero ids are invalid). */
export function parseTraceparent(header: string | null | undefined): TraceContext | undefined {
  const m = PATTERN.exec((header ?? '').trim().toLowerCase());
  if (m === null || /^0+$/.test(m[1] ?? '') || /^0+$/.test(m[2] ?? '')) return undefined;
  return { traceId: m[1] ?? '', parentId: m[2] ?? '', flags: m[3] ?? '01' };
}

/** A child span of `parent` (same trace, new span id), or a new trace. */
export function childTraceparent(parent?: TraceContext): string {
  const traceId = parent?.traceId ?? randomBytes(16).toString('hex');
  return `00-${traceId}-${randomBytes(8).toString('hex')}-${parent?.flags ?? '01'}`;
}
