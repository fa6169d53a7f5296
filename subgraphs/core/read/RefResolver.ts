import { refPath, supergraphError, type Terminus } from '../../../lib/index.js';
import { toTerminusBranch } from '../branches/naming.js';
import { mapTerminusFailure } from '../terminusErrors.js';

/** A `ref` argument (`RefInput`). */
export interface RefInput {
  readonly branch?: string | null;
  readonly commit?: string | null;
  readonly asOf?: string | null;
}

interface LogEntry {
  readonly identifier: string;
  readonly timestamp: number;
}

/** Options of the RefResolver. */
export interface RefResolverOptions {
  /** How long a branch head stays cached (ms, default 100; 0: looked up for every operation). Own writes invalidate at once. */
  readonly headTtlMs?: number;
  readonly now?: () => number;
  /** Told after this subgraph changed a branch (e.g. to nudge the commit relay). */
  readonly onBranchChanged?: (branch: string | undefined) => void;
}

const COMMIT_ID = /^[0-9a-z]{1,64}$/;

/** Checks the shape of a ref: INVALID_REF when it names a commit and a branch or time. */
export function checkRef(ref: RefInput | null | undefined): { branch?: string; commit?: string; asOf?: string } {
  const branch = ref?.branch ?? undefined;
  const commit = ref?.commit ?? undefined;
  const asOf = ref?.asOf ?? undefined;
  if (commit !== undefined && (branch !== undefined || asOf !== undefined)) {
    throw supergraphError('INVALID_REF', 'A ref names either a commit, or a branch (optionally with asOf), not both');
  }
  return { ...(branch === undefined ? {} : { branch }), ...(commit === undefined ? {} : { commit }), ...(asOf === undefined ? {} : { asOf }) };
}

/**
 * Turns refs into commit ids: branch heads (cached briefly, invalidated by this subgraph's writes),
 * explicit commits (checked for shape; existence is checked by the read), and `asOf` times (the last
 * commit of the branch at or before the time, from `/api/log`).
 */
export class RefResolver {
  readonly #heads = new Map<string, { at: number; head: Promise<string> }>();
  /** Head lookups served from the cache / sent to TerminusDB (exported to /metrics). */
  readonly stats = { hits: 0, misses: 0 };
  readonly #ttl: number;
  readonly #now: () => number;
  readonly #onChanged: ((branch: string | undefined) => void) | undefined;

  constructor(
    private readonly terminus: Terminus,
    options: RefResolverOptions = {},
  ) {
    this.#ttl = options.headTtlMs ?? 100;
    this.#now = options.now ?? Date.now;
    this.#onChanged = options.onBranchChanged;
  }

  /** Validates a ref and resolves it to a commit id. */
  async resolve(ref: RefInput | null | undefined): Promise<string> {
    const { branch, commit, asOf } = checkRef(ref);
    if (commit !== undefined) {
      if (!COMMIT_ID.test(commit)) throw supergraphError('COMMIT_NOT_FOUND', `Commit ${commit} does not exist`);
      return commit;
    }
    const name = branch ?? 'main';
    if (asOf !== undefined) return this.asOf(name, asOf);
    return this.head(name);
  }

  /** Head commit of a branch (cached for `headTtlMs`). BRANCH_NOT_FOUND when it does not exist. */
  head(branch: string): Promise<string> {
    const hit = this.#heads.get(branch);
    if (hit !== undefined && this.#now() - hit.at < this.#ttl) {
      this.stats.hits++;
      return hit.head;
    }
    this.stats.misses++;
    const head = this.#log(branch, 0, 1).then((entries) => {
      const first = entries[0];
      if (first === undefined) throw supergraphError('BRANCH_NOT_FOUND', `Branch ${branch} has no commits`);
      return first.identifier;
    });
    const entry = { at: this.#now(), head };
    this.#heads.set(branch, entry);
    head.catch(() => {
      if (this.#heads.get(branch) === entry) this.#heads.delete(branch);
    });
    return head;
  }

  /** Forgets a cached head (after a write to the branch). */
  invalidate(branch?: string): void {
    if (branch === undefined) this.#heads.clear();
    else this.#heads.delete(branch);
    this.#onChanged?.(branch);
  }

  /** The last commit of `branch` made at or before `time` (ISO date-time). */
  async asOf(branch: string, time: string): Promise<string> {
    const t = Date.parse(time);
    if (Number.isNaN(t)) throw supergraphError('INVALID_REF', `asOf is not a date-time: ${time}`);
    const seconds = t / 1000;
    const page = 100;
    for (let start = 0; ; start += page) {
      const entries = await this.#log(branch, start, page);
      const hit = entries.find((e) => e.timestamp <= seconds);
      if (hit !== undefined) return hit.identifier;
      if (entries.length < page) throw supergraphError('COMMIT_NOT_FOUND', `Branch ${branch} has no commit at or before ${time}`);
    }
  }

  async #log(branch: string, start: number, count: number): Promise<LogEntry[]> {
    const s = this.terminus.settings;
    const url = `${s.url}/api/log/${refPath(s, { branch: toTerminusBranch(branch) })}?start=${start}&count=${count}`;
    try {
      const client = this.terminus.client();
      const entries = (await this.terminus.call(() => client.sendCustomRequest('GET', url) as Promise<unknown>)) as LogEntry[];
      return Array.isArray(entries) ? entries : [];
    } catch (err) {
      throw mapTerminusFailure(err, { branch });
    }
  }
}
