import type { ServiceMap } from '@apollo/gateway';
import type { GraphQLError } from 'graphql/index.js';
import type { Logger } from '../../lib/index.js';
import type { TokenVerifier } from '../auth/verifyToken.js';
import type { RouterConfig } from '../config/RouterConfig.js';
import type { RouterMetrics } from '../ops/routerMetrics.js';
import type { RouterPlugin } from '../plugins/RouterPlugin.js';
import type { PersistedQueries } from '../request/PersistedQueries.js';
import type { SchemaGeneration } from '../schema/SchemaGeneration.js';
import type { SchemaSource } from '../schema/SchemaSource.js';
import type { SubgraphRegistry } from '../subgraph/SubgraphRegistry.js';
import type { LruCache } from './LruCache.js';
import type { PlannedOperation } from './planOperation.js';
import type { PreparedOperation } from './prepareDocument.js';

/** Everything the request pipeline uses, built once by `createRouter`. */
export interface RouterRuntime {
  readonly config: RouterConfig;
  readonly logger: Logger;
  readonly metrics: RouterMetrics;
  readonly schema: SchemaSource;
  readonly registry: SubgraphRegistry;
  readonly verify: TokenVerifier;
  readonly persisted: PersistedQueries;
  readonly plugins: readonly RouterPlugin[];
  /** Prepared documents (or their errors) by schema hash + operation name + text. */
  readonly documents: LruCache<string, PreparedOperation | readonly GraphQLError[]>;
  /** Query plans by schema hash + operation name + authorization + text. */
  readonly plans: LruCache<string, PlannedOperation>;
  /** Subgraph data sources of a generation. */
  sourcesOf(generation: SchemaGeneration): ServiceMap;
}
