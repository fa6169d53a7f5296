import { getNamedType, isAbstractType, isObjectType, type ExecutionResult, type GraphQLError, type GraphQLField, type GraphQLSchema } from 'graphql/index.js';
import { supergraphError, type BusMessage, type Gap, type Logger } from '../../lib/index.js';
import { allows } from '../auth/branchPolicy.js';
import { LruCache } from '../execution/LruCache.js';
import type { RouterRuntime } from '../execution/RouterRuntime.js';
import type { EventStreamField } from './eventStreams.js';
import { eventValues } from './eventValue.js';
import { needsLookups, resolveEvent, type EventExecution } from './resolveEvent.js';

/** What one event means for a subscriber: frames to send (payloads, serialized once), or the end with errors. */
export type Outcome = { readonly kind: 'next'; readonly payloads: readonly Buffer[] } | { readonly kind: 'end'; readonly errors: readonly GraphQLError[] };

/** Subscribers that get the same result for every event, and the outcomes of the last events. */
export interface OutcomeGroup {
  readonly key: string;
  /** Outcomes by stream sequence (the last {@link KEPT_OUTCOMES}). */
  readonly bySeq: Map<number, Outcome | Promise<Outcome>>;
}

/** A subscriber's execution for one schema generation, and the group it shares results with. */
export interface SharedExecution {
  readonly x: EventExecution;
  readonly group: OutcomeGroup;
}

/** The fixed part of a subscription an outcome depends on (besides the execution). */
export interface OutcomeSource {
  readonly stream: EventStreamField;
  readonly args: Readonly<Record<string, unknown>>;
}

/** Outcomes kept per group (a subscriber a few events behind still shares them). */
const KEPT_OUTCOMES = 32;

/** The outcome of an event the subscription's arguments filter out. */
const NOTHING: Outcome = { kind: 'next', payloads: [] };

/** Serializes a result as graphql-ws sends it (`errors` through `toJSON`). */
function serialize(result: ExecutionResult): Buffer {
  const { errors, ...rest } = result;
  return Buffer.from(JSON.stringify(errors !== undefined ? { ...rest, errors: errors.map((e) => e.toJSON()) } : rest));
}

/**
 * The classes an `each` stream's `type` argument may name: the possible types of the envelope's
 * abstract fields (`DocumentEvent.document: ChangedDocument`, `asset: Asset`); empty when it has none.
 */
export function documentTypes(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): Set<string> {
  const out = new Set<string>();
  const envelope = getNamedType(field.type);
  if (!isObjectType(envelope)) return out;
  for (const f of Object.values(envelope.getFields())) {
    const t = getNamedType(f.type);
    if (isAbstractType(t)) for (const p of schema.getPossibleTypes(t)) out.add(p.name);
  }
  return out;
}

/**
 * Event outcomes shared between subscribers: the subscribers of one group (same schema generation,
 * document, operation, variables, rights — authenticated and scopes — and, when the selection needs
 * gateway lookups, the same caller `sub`) get one execution per event, serialized once; every one of
 * them writes the same payload. Results of events carrying a gap signal are per subscriber.
 */
export class EventOutcomes {
  readonly #groups = new LruCache<string, OutcomeGroup>(10_000);
  /** Executions computed (not shared), for tests and metrics. */
  computed = 0;

  constructor(
    readonly rt: RouterRuntime,
    readonly logger: Logger,
  ) {}

  /** The execution of a subscriber and its group (interned by key). */
  shared(x: EventExecution, query: string): SharedExecution {
    const rights = `${String(x.caller.authenticated)}\u0000${[...x.caller.scopes].sort().join(' ')}`;
    const who = needsLookups(x) ? x.caller.sub : '';
    const key = `${x.schemaId}\u0000${x.operationName ?? ''}\u0000${query}\u0000${JSON.stringify(x.variables)}\u0000${rights}\u0000${who}`;
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = { key, bySeq: new Map() };
      this.#groups.set(key, group);
    }
    return { x, group };
  }

  /** The outcome of `message` for a subscriber; synchronous when already computed for its group or when no lookup is needed. */
  outcome(source: OutcomeSource, shared: SharedExecution, message: BusMessage, gap: Gap | undefined): Outcome | Promise<Outcome> {
    if (gap !== undefined) return this.#compute(source, shared.x, message, gap);
    const bySeq = shared.group.bySeq;
    let out = bySeq.get(message.seq);
    if (out === undefined) {
      out = this.#compute(source, shared.x, message, undefined);
      bySeq.set(message.seq, out);
      if (out instanceof Promise) {
        // Once computed, later readers (subscribers catching up) take the outcome synchronously.
        const pending = out;
        void pending.then((done) => {
          if (bySeq.get(message.seq) === pending) bySeq.set(message.seq, done);
        });
      }
      if (bySeq.size > KEPT_OUTCOMES) bySeq.delete(bySeq.keys().next().value as number);
    }
    return out;
  }

  #compute(source: OutcomeSource, x: EventExecution, message: BusMessage, gap: Gap | undefined): Outcome | Promise<Outcome> {
    this.computed++;
    const branch = source.args['branch'];
    const policy = this.rt.config.branchPolicy;
    if (policy !== undefined && typeof branch === 'string' && !allows(policy, 'read', branch, x.caller.scopes).ok) {
      return { kind: 'end', errors: [supergraphError('FORBIDDEN', `branch policy: reading branch "${branch}" is not allowed`, { branch })] };
    }
    const values = eventValues(message, source.stream, source.args, gap !== undefined);
    if (values.length === 0) return NOTHING;
    const results = values.map((v, i) => resolveEvent(this.rt, x, v, message.seq, i === 0 ? gap : undefined));
    if (!results.some((r) => r instanceof Promise)) return { kind: 'next', payloads: (results as ExecutionResult[]).map(serialize) };
    return Promise.all(results).then(
      (all) => ({ kind: 'next', payloads: all.map(serialize) }),
      (err: unknown) => {
        this.logger.error({ err, seq: message.seq }, 'subscription event failed');
        return { kind: 'next', payloads: [serialize({ errors: [supergraphError('INTERNAL_SERVER_ERROR', 'the event could not be resolved', { cursor: String(message.seq) })] })] };
      },
    );
  }
}
