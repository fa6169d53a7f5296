import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GraphQLError } from 'graphql/index.js';
import { BreakerOpenError, CircuitBreaker, IDENTITY_HEADER, signIdentity, supergraphError, type Logger } from '../../lib/index.js';
import { randomHex } from '../execution/randomHex.js';
import type { RouterContext } from '../execution/RouterContext.js';
import type { RouterMetrics } from '../ops/routerMetrics.js';
import { InflightDedup } from './InflightDedup.js';
import { SubgraphClient, SubgraphTimeoutError, type RawResponse } from './SubgraphClient.js';

type GatewayResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** Options of {@link SubgraphDataSource}. */
export interface SubgraphDataSourceOptions {
  readonly name: string;
  readonly url: string;
  readonly identityKey: string;
  readonly timeoutMs: number;
  readonly maxSockets: number;
  /** Share identical in-flight query fetches of the same caller. */
  readonly dedup: boolean;
  readonly breakerFailures: number;
  readonly breakerResetMs: number;
  readonly metrics: RouterMetrics;
  readonly logger: Logger;
}

const BREAKER_GAUGE = { closed: 0, 'half-open': 1, open: 2 } as const;

/** A subgraph answered with a server error (counts against the breaker). */
class SubgraphServerError extends Error {
  constructor(readonly status: number) {
    super(`answered HTTP ${status}`);
  }
}

/**
 * Fetches from one subgraph: signed identity and a child `traceparent` on every fetch, a keep-alive
 * pool, a per-subgraph timeout and circuit breaker, and deduplication of identical in-flight queries.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  readonly name: string;
  readonly client: SubgraphClient;
  readonly breaker: CircuitBreaker;
  readonly #o: SubgraphDataSourceOptions;
  readonly #dedup = new InflightDedup<RawResponse>();

  constructor(o: SubgraphDataSourceOptions) {
    super({ url: o.url, apq: false, honorSubgraphCacheControlHeader: false });
    this.name = o.name;
    this.#o = o;
    this.client = new SubgraphClient(o.url, o.maxSockets);
    o.metrics.breakerState.set({ subgraph: o.name }, 0);
    this.breaker = new CircuitBreaker(`subgraph "${o.name}"`, {
      failureThreshold: o.breakerFailures,
      resetTimeoutMs: o.breakerResetMs,
      onStateChange: (state) => {
        o.metrics.breakerState.set({ subgraph: o.name }, BREAKER_GAUGE[state]);
        o.logger.warn({ subgraph: o.name, state }, 'subgraph breaker changed state');
      },
    });
  }

  override async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayResponse> {
    const { request } = options;
    const ctx = options.context as RouterContext | undefined;
    const headers: Record<string, string> = {};
    let callerKey = 'anonymous';
    if (ctx?.caller !== undefined) {
      ctx.identityHeader ??= signIdentity(
        {
          sub: ctx.caller.sub,
          scopes: [...ctx.caller.scopes],
          traceId: ctx.trace.traceId,
          ...(ctx.clientName !== undefined ? { client: ctx.clientName } : {}),
        },
        this.#o.identityKey,
      );
      headers[IDENTITY_HEADER] = ctx.identityHeader;
      headers['traceparent'] = `00-${ctx.trace.traceId}-${randomHex(8)}-${ctx.trace.flags}`; // lib childTraceparent, pooled ids
      if (ctx.clientName !== undefined) headers['apollographql-client-name'] = ctx.clientName;
      callerKey = `${ctx.caller.sub}\u0000${[...ctx.caller.scopes].join(' ')}\u0000${ctx.clientName ?? ''}`;
    }
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName });
    const started = performance.now();
    const fetchOnce = (): Promise<RawResponse> => this.#fetch(body, headers);
    const isQuery = this.#o.dedup && ctx?.fresh !== true && request.query !== undefined && (request.query.startsWith('query') || request.query.startsWith('{'));
    let outcome = 'ok';
    try {
      let raw: RawResponse;
      if (isQuery) {
        const { promise, shared } = this.#dedup.run(`${callerKey}\u0000${body}`, fetchOnce);
        if (shared) outcome = 'shared';
        raw = await promise;
      } else raw = await fetchOnce();
      return this.#parse(raw);
    } catch (err) {
      outcome = err instanceof BreakerOpenError ? 'open' : err instanceof SubgraphTimeoutError ? 'timeout' : 'error';
      throw this.#toGraphQLError(err);
    } finally {
      this.#o.metrics.subgraphFetches.observe({ subgraph: this.name, outcome }, (performance.now() - started) / 1000);
    }
  }

  #fetch(body: string, headers: Record<string, string>): Promise<RawResponse> {
    return this.breaker.run(async () => {
      const raw = await this.client.post(body, headers, this.#o.timeoutMs);
      if (raw.status >= 500 && !/json/.test(raw.contentType)) throw new SubgraphServerError(raw.status);
      return raw;
    });
  }

  #parse(raw: RawResponse): GatewayResponse {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.text);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed === 'object' && parsed !== null && ('data' in parsed || 'errors' in parsed)) return parsed as GatewayResponse;
    if (raw.status === 401 || raw.status === 403) {
      throw supergraphError('FORBIDDEN', `subgraph "${this.name}" refused the call (HTTP ${raw.status})`, { serviceName: this.name });
    }
    throw supergraphError('SUBGRAPH_UNAVAILABLE', `subgraph "${this.name}" answered HTTP ${raw.status} without a GraphQL response`, { serviceName: this.name });
  }

  #toGraphQLError(err: unknown): GraphQLError {
    if (typeof err === 'object' && err !== null && 'extensions' in err) return err as GraphQLError;
    if (err instanceof BreakerOpenError) {
      return supergraphError('SUBGRAPH_UNAVAILABLE', `subgraph "${this.name}" is unavailable (circuit open, next probe in ${err.retryInMs} ms)`, { serviceName: this.name });
    }
    if (err instanceof SubgraphTimeoutError) {
      return supergraphError('TIMEOUT', `subgraph "${this.name}" did not answer within ${err.ms} ms`, { serviceName: this.name });
    }
    const detail = err instanceof SubgraphServerError ? err.message : ((err as NodeJS.ErrnoException).code ?? (err as Error).message);
    return supergraphError('SUBGRAPH_UNAVAILABLE', `subgraph "${this.name}" is unavailable: ${detail}`, { serviceName: this.name });
  }

  close(): void {
    this.client.close();
  }
}
