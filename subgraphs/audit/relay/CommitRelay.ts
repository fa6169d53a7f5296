import { Counter, Histogram } from 'prom-client';
import { createLogger, listBranches, type CommitEvent, type EventBus, type Logger, type Metrics, type Terminus } from '../../../lib/index.js';
import { readLog } from '../terminus/commitLog.js';
import { publishCommits, publishReset, walkBack, type BranchRelayContext } from './relayBranch.js';
import { RelayCursors, type BranchCursor } from './RelayCursors.js';

/** Options of the commit relay. */
export interface CommitRelayOptions {
  readonly terminus: Terminus;
  readonly bus: EventBus;
  readonly logger?: Logger;
  /** Adds `audit_relay_*` metrics to this registry. */
  readonly metrics?: Metrics;
  /** Polling interval, the safety net behind nudges (ms, default 1 000). */
  readonly pollMs?: number;
  /** Changes listed in one event (default 500; the rest via `commit(id)`). */
  readonly maxChanges?: number;
  /** Commits walked back from a head at most (default 100 000). */
  readonly maxWalk?: number;
  /** Called after an event is published and before its cursor is saved (fault-injection tests). */
  readonly afterPublish?: (event: CommitEvent) => void | Promise<void>;
}

/** How many commits of other branches are read to find where a new branch forked. */
const FORK_SCAN = 1_000;

/**
 * Tails the commit log of every branch and publishes one event per commit on
 * `commits.<db>.<branch>` (message id = commit id). Publishes before it advances the durable
 * cursor (`RelayCursors`), so a crash in between re-publishes a commit that JetStream de-duplicates.
 * Woken by `nudge()`; polls every `pollMs` as the safety net. See README for branches and resets.
 */
export class CommitRelay {
  readonly #o: CommitRelayOptions;
  readonly #log: Logger;
  readonly #cursors: RelayCursors;
  readonly #known = new Map<string, BranchCursor>();
  readonly #ctx: BranchRelayContext;
  readonly #errors: Counter | undefined;
  #initialised = false;
  #chain: Promise<unknown> = Promise.resolve();
  #running = false;
  #wake: (() => void) | undefined;
  #nudged = false;
  #loop: Promise<void> | undefined;
  /** When the last cycle finished without error (ms since epoch; 0: never). */
  lastSuccess = 0;

  constructor(options: CommitRelayOptions) {
    this.#o = options;
    this.#log = options.logger ?? createLogger('audit-relay');
    this.#cursors = new RelayCursors(options.bus, options.terminus.settings.db);
    const registers = options.metrics === undefined ? undefined : [options.metrics.registry];
    const published = registers && new Counter({ name: 'audit_relay_events_published_total', help: 'Commit events published (duplicate: de-duplicated by JetStream)', labelNames: ['kind', 'duplicate'] as const, registers });
    const lag = registers && new Histogram({ name: 'audit_relay_lag_seconds', help: 'Commit time to event publish', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers });
    this.#errors = registers && new Counter({ name: 'audit_relay_errors_total', help: 'Failed relay cycles (retried)', registers });
    this.#ctx = {
      terminus: options.terminus,
      bus: options.bus,
      cursors: this.#cursors,
      maxChanges: options.maxChanges ?? 500,
      maxWalk: options.maxWalk ?? 100_000,
      ...(options.afterPublish === undefined ? {} : { afterPublish: options.afterPublish }),
      onPublished: (event, duplicate) => {
        published?.inc({ kind: event.kind, duplicate: String(duplicate) });
        lag?.observe(Math.max(0, (Date.now() - Date.parse(event.timestamp)) / 1000));
      },
    };
  }

  /** One pass over every branch (serialised with other passes). Resolves to the number of events published. */
  runOnce(): Promise<number> {
    const run = this.#chain.then(() => this.#cycle());
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #init(heads: ReadonlyMap<string, string | undefined>): Promise<void> {
    const fresh = !(await this.#cursors.started());
    for (const [branch, head] of heads) {
      const cursor = await this.#cursors.load(branch);
      if (cursor !== undefined) this.#known.set(branch, cursor);
      else if (fresh && head !== undefined) {
        // First run for this database: history before it is not replayed; events start now.
        const entry = (await readLog(this.#o.terminus, { commit: head }, 0, 1))[0];
        const baseline = { commit: head, initial: entry?.initial ?? false };
        await this.#cursors.save(branch, baseline);
        this.#known.set(branch, baseline);
      }
    }
    if (fresh) await this.#cursors.markStarted();
    this.#initialised = true;
  }

  async #cycle(): Promise<number> {
    const heads = await listBranches(this.#o.terminus);
    if (!this.#initialised) await this.#init(heads);
    let published = 0;
    let forkPoints: Set<string> | undefined;
    for (const [branch, head] of heads) {
      if (head === undefined) continue;
      const cursor = this.#known.get(branch);
      if (cursor?.commit === head) continue;
      if (cursor === undefined) {
        // A new branch: publish its commits back to where it forked from a known branch.
        forkPoints ??= await this.#commitsOfOthers(heads, branch);
        const known = forkPoints;
        const { entries } = await walkBack(this.#ctx, head, (e) => known.has(e.id));
        published += await publishCommits(this.#ctx, branch, entries);
        if (entries.length === 0) await this.#cursors.save(branch, { commit: head, initial: false });
        this.#log.info({ branch, head, published: entries.length }, 'new branch');
      } else {
        const { entries, found } = await walkBack(this.#ctx, head, (e) => e.id === cursor.commit);
        if (found || cursor.initial) published += await publishCommits(this.#ctx, branch, entries);
        else {
          const to = entries.at(-1);
          if (to === undefined) continue;
          this.#log.warn({ branch, from: cursor.commit, to: to.id }, 'branch history rewritten: publishing a reset event');
          await publishReset(this.#ctx, branch, cursor.commit, to);
          published++;
        }
      }
      const headEntry = (await readLog(this.#o.terminus, { commit: head }, 0, 1))[0];
      this.#known.set(branch, { commit: head, initial: headEntry?.initial ?? false });
    }
    for (const branch of [...this.#known.keys()]) {
      if (heads.has(branch)) continue;
      await this.#cursors.forget(branch);
      this.#known.delete(branch);
      this.#log.info({ branch }, 'branch deleted');
    }
    this.lastSuccess = Date.now();
    return published;
  }

  async #commitsOfOthers(heads: ReadonlyMap<string, string | undefined>, except: string): Promise<Set<string>> {
    const ids = new Set<string>();
    for (const [branch, head] of heads) {
      if (branch === except || head === undefined || !this.#known.has(branch)) continue;
      for (const e of await readLog(this.#o.terminus, { commit: head }, 0, FORK_SCAN)) ids.add(e.id);
    }
    return ids;
  }

  /** Runs a pass as soon as possible (the core subgraph calls it right after a write). */
  nudge(): void {
    this.#nudged = true;
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Starts polling (and answering nudges) until `stop()`. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    const pollMs = this.#o.pollMs ?? 1_000;
    this.#loop = (async () => {
      let failures = 0;
      while (this.#running) {
        this.#nudged = false;
        try {
          await this.runOnce();
          failures = 0;
        } catch (err) {
          failures++;
          this.#errors?.inc();
          this.#log.error({ err }, 'relay cycle failed; retrying');
        }
        if (!this.#running || this.#nudged) continue;
        const wait = failures === 0 ? pollMs : Math.min(30_000, pollMs * 2 ** Math.min(failures, 5));
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, wait);
          this.#wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    })();
  }

  /** Stops polling after the current pass. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
  }
}
