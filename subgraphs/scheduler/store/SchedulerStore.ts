import { refPath, TerminusError, type Terminus } from '../../../lib/index.js';
import type { Job, Run, RunStatus } from '../model/types.js';
import { docToJob, docToRun, jobToDoc, runToDoc, type Doc } from './documents.js';
import { SCHEDULER_SCHEMA, SCHEDULER_SCHEMA_VERSION } from './schedulerSchema.js';

/** The branch that keeps the scheduler's documents. */
export const SCHEDULER_BRANCH = 'svc-scheduler';

const RUN_SELECTION =
  'key jobId kind status trigger commit payload attempt maxAttempts scheduledAt queuedAt startedAt finishedAt nextAttemptAt progressDone progressTotal result errorCode errorMessage attempts requestedBy scopes retryOf claimSeq';
const RUNS_QUERY = `query Runs($filter: JobRun_Filter, $limit: Int) { JobRun(filter: $filter, orderBy: {queuedAt: DESC, key: DESC}, limit: $limit) { ${RUN_SELECTION} } }`;
const PRUNE_QUERY = 'query Prune($filter: JobRun_Filter, $limit: Int) { JobRun(filter: $filter, orderBy: {queuedAt: ASC}, limit: $limit) { key status queuedAt } }';
const CLAIMS_QUERY = 'query Claims($filter: RunClaim_Filter, $limit: Int) { RunClaim(filter: $filter, limit: $limit) { key } }';

/** Who writes and why: author `<user>@scheduler`, message `[scheduler] <text>` with a `User-Sid` trailer. */
export interface WriteMeta {
  readonly user: string;
  readonly text: string;
  readonly traceId?: string;
}

function commitMessage(meta: WriteMeta): string {
  return `[scheduler] ${meta.text}\n\nUser-Sid: ${meta.user}${meta.traceId === undefined ? '' : `\nTrace-Id: ${meta.traceId}`}`;
}

/** A position in the run order (newest queued first, then id descending): the last run of a page. */
export interface RunKey {
  readonly queuedAt: string;
  readonly id: string;
}

/** A page of runs, newest queued first. */
export interface RunPage {
  readonly nodes: readonly Run[];
  readonly hasNextPage: boolean;
}

/** Unfinished statuses (what `deleteJob` cancels). */
const UNFINISHED: readonly RunStatus[] = ['QUEUED', 'RUNNING', 'RETRYING'];

/**
 * Job specs and runs as documents in the empty branch `svc-scheduler` (its own schema, created on
 * first use), through the official client. Every write is one commit.
 */
export class SchedulerStore {
  #ready: Promise<void> | undefined;

  constructor(readonly terminus: Terminus) {}

  #path(): string {
    return refPath(this.terminus.settings, { branch: SCHEDULER_BRANCH });
  }

  /** Creates the branch and writes its schema unless the current version is there (idempotent, replicas may race). */
  ensure(): Promise<void> {
    this.#ready ??= this.#ensure().catch((err: unknown) => {
      this.#ready = undefined;
      throw err;
    });
    return this.#ready;
  }

  async #ensure(): Promise<void> {
    const t = this.terminus;
    const author = 'system@scheduler';
    await t.ensureEmptyBranch(SCHEDULER_BRANCH, author);
    const client = t.client({ author });
    const current = (await t.call(() => client.sendCustomRequest('GET', `${t.settings.url}/api/document/${this.#path()}?graph_type=schema&as_list=true`) as Promise<unknown>)) as Doc[];
    const context = Array.isArray(current) ? current.find((d) => d['@type'] === '@context') : undefined;
    const description = JSON.stringify(context?.['@documentation'] ?? '');
    if (description.includes(`schema version ${SCHEDULER_SCHEMA_VERSION})`)) return;
    const q = new URLSearchParams({ graph_type: 'schema', full_replace: 'true', author, message: `[scheduler] schema version ${SCHEDULER_SCHEMA_VERSION}` });
    await t.call(() => client.sendCustomRequest('POST', `${t.settings.url}/api/document/${this.#path()}?${q}`, SCHEDULER_SCHEMA) as Promise<unknown>);
  }

  async #get(id: string): Promise<Doc | undefined> {
    await this.ensure();
    const t = this.terminus;
    const client = t.client();
    try {
      return (await t.call(() => client.sendCustomRequest('GET', `${t.settings.url}/api/document/${this.#path()}?${new URLSearchParams({ id })}`) as Promise<unknown>)) as Doc;
    } catch (err) {
      if (err instanceof TerminusError && err.status === 404) return undefined;
      throw err;
    }
  }

  async #all(type: string): Promise<Doc[]> {
    await this.ensure();
    const t = this.terminus;
    const client = t.client();
    const raw = await t.call(() => client.sendCustomRequest('GET', `${t.settings.url}/api/document/${this.#path()}?${new URLSearchParams({ type, as_list: 'true' })}`) as Promise<unknown>);
    return Array.isArray(raw) ? (raw as Doc[]) : [];
  }

  /** Inserts a document; false when one with this id exists (nothing written). */
  async #insert(doc: Doc, meta: WriteMeta): Promise<boolean> {
    await this.ensure();
    const t = this.terminus;
    const author = `${meta.user}@scheduler`;
    const client = t.client({ author });
    const q = new URLSearchParams({ author, message: commitMessage(meta) });
    try {
      await t.call(() => client.sendCustomRequest('POST', `${t.settings.url}/api/document/${this.#path()}?${q}`, doc) as Promise<unknown>);
      return true;
    } catch (err) {
      if (err instanceof TerminusError && /DocumentIdAlreadyExists|already exists/i.test(`${err.apiErrorType ?? ''} ${err.message} ${JSON.stringify(err.body ?? '')}`)) return false;
      throw err;
    }
  }

  async #replace(doc: Doc, meta: WriteMeta): Promise<void> {
    await this.ensure();
    const t = this.terminus;
    const author = `${meta.user}@scheduler`;
    const client = t.client({ author });
    const q = new URLSearchParams({ author, message: commitMessage(meta), create: 'true' });
    await t.call(() => client.sendCustomRequest('PUT', `${t.settings.url}/api/document/${this.#path()}?${q}`, doc) as Promise<unknown>);
  }

  async getJob(id: string): Promise<Job | undefined> {
    if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(id)) return undefined;
    const d = await this.#get(`ScheduledJob/${id}`);
    return d === undefined ? undefined : docToJob(d);
  }

  async listJobs(): Promise<Job[]> {
    return (await this.#all('ScheduledJob')).map(docToJob).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  insertJob(job: Job, meta: WriteMeta): Promise<boolean> {
    return this.#insert(jobToDoc(job), meta);
  }

  replaceJob(job: Job, meta: WriteMeta): Promise<void> {
    return this.#replace(jobToDoc(job), meta);
  }

  async getRun(id: string): Promise<Run | undefined> {
    if (!/^[a-z0-9][a-z0-9.-]{0,199}$/.test(id)) return undefined;
    const d = await this.#get(`JobRun/${id}`);
    return d === undefined ? undefined : docToRun(d);
  }

  /** Inserts a run; false when it exists already (another replica made it: the de-duplication). */
  insertRun(run: Run, meta: WriteMeta): Promise<boolean> {
    return this.#insert(runToDoc(run), meta);
  }

  replaceRun(run: Run, meta: WriteMeta): Promise<void> {
    return this.#replace(runToDoc(run), meta);
  }

  /**
   * Runs, newest queued first (ties by id, descending), optionally of one job and/or in one status,
   * after a keyset position (`after`: the last run of the previous page): one query to TerminusDB's
   * GraphQL endpoint on `svc-scheduler` (filter `queuedAt < q OR (queuedAt = q AND key < id)`, order
   * and limit pushed down). Runs queued while a client pages sort before its position, so pages never
   * shift.
   */
  async listRuns(filter: { jobId?: string; status?: RunStatus }, after: RunKey | undefined, first: number): Promise<RunPage> {
    await this.ensure();
    const where: Record<string, unknown>[] = [];
    if (filter.jobId !== undefined) where.push({ jobId: { eq: filter.jobId } });
    if (filter.status !== undefined) where.push({ status: { eq: filter.status } });
    if (after !== undefined) where.push({ _or: [{ queuedAt: { lt: after.queuedAt } }, { _and: [{ queuedAt: { eq: after.queuedAt } }, { key: { lt: after.id } }] }] });
    const answer = await this.terminus.graphql<{ JobRun?: Doc[] }>({ branch: SCHEDULER_BRANCH }, RUNS_QUERY, { filter: where.length === 0 ? {} : { _and: where }, limit: first + 1 });
    if (answer.errors !== undefined && answer.errors.length > 0) throw new Error(`listing runs failed: ${answer.errors.map((e) => e.message).join('; ')}`);
    const rows = (answer.data?.JobRun ?? []).map(docToRun);
    return { nodes: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  /** Every run of a job that has not finished (`QUEUED`, `RUNNING`, `RETRYING`). */
  async unfinishedRuns(jobId: string): Promise<Run[]> {
    const out: Run[] = [];
    for (const status of UNFINISHED) {
      let after: RunKey | undefined;
      for (;;) {
        const page = await this.listRuns({ jobId, status }, after, 200);
        out.push(...page.nodes);
        const last = page.nodes.at(-1);
        if (!page.hasNextPage || last === undefined) break;
        after = { queuedAt: last.queuedAt, id: last.id };
      }
    }
    return out;
  }

  /** Replaces several runs in one commit. */
  async replaceRuns(runs: readonly Run[], meta: WriteMeta): Promise<void> {
    if (runs.length === 0) return;
    await this.ensure();
    const t = this.terminus;
    const author = `${meta.user}@scheduler`;
    const client = t.client({ author });
    const q = new URLSearchParams({ author, message: commitMessage(meta) });
    await t.call(() => client.sendCustomRequest('PUT', `${t.settings.url}/api/document/${this.#path()}?${q}`, runs.map(runToDoc)) as Promise<unknown>);
  }

  /** Deletes a job document (one commit). */
  async deleteJob(id: string, meta: WriteMeta): Promise<void> {
    await this.ensure();
    const t = this.terminus;
    const author = `${meta.user}@scheduler`;
    const client = t.client({ author });
    const q = new URLSearchParams({ author, message: commitMessage(meta) });
    await t.call(() => client.sendCustomRequest('DELETE', `${t.settings.url}/api/document/${this.#path()}?${q}`, [`ScheduledJob/${id}`]) as Promise<unknown>);
  }

  /**
   * Claims a run for the work-queue message `seq`: inserts `RunClaim/<run>` (the first insert wins,
   * TerminusDB refuses a second document with the same id). True when the claim is (already) this
   * message's, false when another message claimed the run.
   */
  async claimRun(runId: string, seq: number, at: number): Promise<boolean> {
    const doc: Doc = { '@type': 'RunClaim', '@id': `RunClaim/${runId}`, key: runId, seq, claimedAt: new Date(at).toISOString() };
    if (await this.#insert(doc, { user: 'system', text: `claim run ${runId} for message ${seq}` })) return true;
    const existing = await this.#get(`RunClaim/${runId}`);
    return existing !== undefined && Number(existing['seq']) === seq;
  }

  /** Deletes finished runs queued before `before` (ms), at most `limit` in one commit; returns how many. */
  async pruneRuns(before: number, limit: number): Promise<number> {
    await this.ensure();
    const answer = await this.terminus.graphql<{ JobRun?: { key: string; status: string; queuedAt: string }[] }>({ branch: SCHEDULER_BRANCH }, PRUNE_QUERY, {
      filter: { queuedAt: { lt: new Date(before).toISOString() } },
      limit: limit * 4,
    });
    const rows = (answer.data?.JobRun ?? []).filter((r) => r.status === 'SUCCEEDED' || r.status === 'DEAD' || r.status === 'CANCELLED').slice(0, limit);
    if (rows.length === 0) return 0;
    // Their claims go with them (in the same commit).
    const claims = await this.terminus.graphql<{ RunClaim?: { key: string }[] }>({ branch: SCHEDULER_BRANCH }, CLAIMS_QUERY, { filter: { _or: rows.map((r) => ({ key: { eq: r.key } })) }, limit: rows.length });
    const ids = [...rows.map((r) => `JobRun/${r.key}`), ...(claims.data?.RunClaim ?? []).map((c) => `RunClaim/${c.key}`)];
    const t = this.terminus;
    const author = 'system@scheduler';
    const client = t.client({ author });
    const q = new URLSearchParams({ author, message: `[scheduler] prune ${rows.length} finished run(s) queued before ${new Date(before).toISOString()}` });
    await t.call(() => client.sendCustomRequest('DELETE', `${t.settings.url}/api/document/${this.#path()}?${q}`, ids) as Promise<unknown>);
    return rows.length;
  }
}
