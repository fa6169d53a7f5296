import type { TraceContext } from '../../lib/index.js';
import type { Caller } from '../auth/verifyToken.js';

/** Per-request state the executor hands to every subgraph fetch. */
export interface RouterContext {
  readonly caller: Caller;
  /** The incoming trace (parsed `traceparent`, or a new trace). */
  readonly trace: TraceContext;
  /** `apollographql-client-name`, if sent. */
  readonly clientName?: string;
  /** Signed identity header, made once per request (lazily). */
  identityHeader?: string;
  /**
   * Never join an identical subgraph fetch already in flight: the answer must reflect state at or after
   * this operation started (subscription event lookups — a joined fetch may predate the event).
   */
  readonly fresh?: boolean;
}
