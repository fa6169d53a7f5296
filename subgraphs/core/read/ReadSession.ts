import type { GraphQLError } from 'graphql';
import { supergraphError, type GraphQLAnswer, type Terminus } from '../../../lib/index.js';
import { mapTerminusFailure } from '../terminusErrors.js';
import type { VariableDef } from '../translate/QueryText.js';
import type { LruCache } from './LruCache.js';
import type { RefInput, RefResolver } from './RefResolver.js';

type Data = Record<string, unknown>;

interface Part {
  readonly id: number;
  readonly text: string;
  readonly vars: readonly VariableDef[];
  resolve(data: Data): void;
  reject(err: unknown): void;
}

/** Hooks of a read session (for metrics and tests). */
export interface ReadSessionHooks {
  /** Called once per TerminusDB request (not for answers served from `answers`) with the commit and the number of root fields it carries. */
  readonly onRequest?: (commit: string, parts: number) => void;
  /** Called when TerminusDB refuses a translated query as invalid (its schema differs from the model). */
  readonly onInvalidQuery?: (message: string) => void;
  /**
   * Answers of TerminusDB read requests by commit, query text and variables. Data at a commit never
   * changes, so a hit is exactly what TerminusDB would answer again. Answers with errors are not kept.
   */
  readonly answers?: LruCache<GraphQLAnswer>;
}

/** A ref of the operation and the commit it resolved to. */
export interface ResolvedRef {
  readonly ref: RefInput | null | undefined;
  readonly commit: string;
}

const PART = /^p(\d+)/;

function failure(message: string, data: unknown, commit: string): GraphQLError {
  if ((data === undefined || data === null) && /resolve|descriptor/i.test(message)) {
    return supergraphError('COMMIT_NOT_FOUND', `Commit ${commit} does not exist`);
  }
  return supergraphError('INTERNAL_SERVER_ERROR', 'TerminusDB refused the translated query');
}

/**
 * The reads of one GraphQL operation: refs are resolved once, and the root fields translated in the
 * same tick for the same commit are sent as ONE TerminusDB GraphQL request (aliases `p<n>…`).
 */
export class ReadSession {
  #parts = 0;
  readonly #refs = new Map<string, Promise<string>>();
  readonly #pending = new Map<string, Part[]>();
  /** Refs resolved so far, in order (what a cached response of the operation depends on). */
  readonly resolved: ResolvedRef[] = [];

  constructor(
    private readonly terminus: Terminus,
    private readonly refs: RefResolver,
    private readonly hooks: ReadSessionHooks = {},
  ) {}

  /** A fresh part number: the alias `p<n>` and variable prefix `p<n>_` of one root field. */
  nextPart(): number {
    return this.#parts++;
  }

  /** Resolves a ref to a commit id, once per operation. */
  resolveRef(ref: RefInput | null | undefined): Promise<string> {
    const key = JSON.stringify([ref?.branch ?? null, ref?.commit ?? null, ref?.asOf ?? null]);
    let p = this.#refs.get(key);
    if (p === undefined) {
      p = this.refs.resolve(ref);
      this.#refs.set(key, p);
      p.then(
        (commit) => void this.resolved.push({ ref, commit }),
        () => undefined,
      );
    }
    return p;
  }

  /** Queues one part (root field text) for `commit`; resolves to the whole `data` of the request. */
  read(commit: string, id: number, text: string, vars: readonly VariableDef[]): Promise<Data> {
    return new Promise<Data>((resolve, reject) => {
      let batch = this.#pending.get(commit);
      if (batch === undefined) {
        batch = [];
        this.#pending.set(commit, batch);
        setImmediate(() => void this.#flush(commit));
      }
      batch.push({ id, text, vars, resolve, reject });
    });
  }

  async #flush(commit: string): Promise<void> {
    const parts = this.#pending.get(commit) ?? [];
    this.#pending.delete(commit);
    if (parts.length === 0) return;
    const defs = parts.flatMap((p) => p.vars);
    const header = defs.length === 0 ? '' : `(${defs.map((d) => `$${d.name}: ${d.type}`).join(', ')})`;
    const query = `query${header} { ${parts.map((p) => p.text).join(' ')} }`;
    const variables = Object.fromEntries(defs.map((d) => [d.name, d.value]));
    const key = `${commit}\n${query}\n${JSON.stringify(variables)}`;
    const load = async (): Promise<{ value: GraphQLAnswer; size: number | undefined }> => {
      this.hooks.onRequest?.(commit, parts.length);
      const { answer: a, size } = await this.terminus.graphqlSized({ commit }, query, variables);
      const clean = a.data !== undefined && a.data !== null && (a.errors === undefined || a.errors.length === 0);
      return { value: a, size: clean ? size + key.length : undefined };
    };
    let answer: GraphQLAnswer;
    try {
      answer = this.hooks.answers === undefined ? (await load()).value : await this.hooks.answers.getOrLoad(key, load);
    } catch (err) {
      const e = mapTerminusFailure(err);
      for (const p of parts) p.reject(e.extensions['code'] === 'BRANCH_NOT_FOUND' ? supergraphError('COMMIT_NOT_FOUND', `Commit ${commit} does not exist`) : e);
      return;
    }
    const data = (answer.data ?? null) as Data | null;
    const failed = new Map<number, GraphQLError>();
    for (const err of answer.errors ?? []) {
      const m = PART.exec(String(err.path?.[0] ?? ''));
      const e = failure(err.message, data, commit);
      if (err.path === undefined && data === null && e.extensions['code'] !== 'COMMIT_NOT_FOUND') this.hooks.onInvalidQuery?.(err.message);
      if (m === null) for (const p of parts) failed.set(p.id, e);
      else failed.set(Number(m[1]), e);
    }
    for (const p of parts) {
      const e = failed.get(p.id);
      if (e !== undefined) p.reject(e);
      else if (data === null) p.reject(supergraphError('INTERNAL_SERVER_ERROR', 'TerminusDB answered without data'));
      else p.resolve(data);
    }
  }
}
