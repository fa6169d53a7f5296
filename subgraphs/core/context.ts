import type DataLoader from 'dataloader';
import type { FieldNode } from 'graphql';
import type { Identity, Logger, Terminus } from '../../lib/index.js';
import type { SchemaCheck } from './schema/SchemaCheck.js';
import type { Model } from './manifest.js';
import type { ReadSession } from './read/ReadSession.js';
import type { RefResolver } from './read/RefResolver.js';
import type { Shaped } from './translate/shape.js';

/** What lives as long as the subgraph handler: shared by every request. */
export interface CoreRuntime {
  readonly model: Model;
  readonly terminus: Terminus;
  readonly refs: RefResolver;
  readonly logger: Logger;
  /** Sanitised TerminusDB class name → GraphQL type. */
  readonly typeByClass: ReadonlyMap<string, string>;
  readonly schemaCheck: SchemaCheck;
  /** Called for every TerminusDB read request (tests count them). */
  readonly onRead?: (commit: string, parts: number) => void;
}

/** Per-operation state, the `contextValue` of execution. */
export interface CoreContext {
  readonly runtime: CoreRuntime;
  /** The caller, as the router vouches for it (anonymous when identity checks are off). */
  readonly identity: Identity;
  /** W3C trace id of the request (from the identity or `traceparent`). */
  readonly traceId: string;
  readonly reads: ReadSession;
  /** `_entities` loaders by field node and type (one TerminusDB request per batch). */
  readonly entityLoaders: Map<FieldNode, Map<string, DataLoader<string, Shaped | null>>>;
}
