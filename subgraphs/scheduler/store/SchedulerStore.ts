import { refPath, TerminusError, type Terminus } from '../../../lib/index.js';
import type { Job, Run, RunStatus } from '../model/types.js';
import { docToJob, docToRun, jobToDoc, runToDoc, type Doc } from './documents.js';
import { SCHEDULER_SCHEMA, SCHEDULER_SCHEMA_VERSION } from './schedulerSchema.js';
import { ensureEmptyBranch } from './terminusOps.js';

/** The branch that keeps the scheduler's documents. */
export const SCHEDULER_BRANCH = 'svc-scheduler';

const RUN_SELECTION =
  'key jobId kind status trigger commit payload attempt maxAttempts scheduledAt queuedAt startedAt finishedAt nextAttemptAt progressDone progressTotal result errorCode errorMessage attempts requestedBy retryOf';
const RUNS_QUERY = `query Runs($filter: JobRun_Filter, $limit: Int, $offset: Int) { JobRun(filter: $filter, orderBy: {queuedAt: DESC, key: DESC}, limit: $limit, offset: $offset) { ${RUN_SELECTION} } }`;
const PRUNE_QUERY = 'query Prune($filter: JobRun_Filter, $limit: Int) { JobRun(filter: $filter, orderBy: {queuedAt: ASC}, limit: $limit) { key status queuedAt } }';

/** Who writes and why: author `<user>@scheduler`, message `[scheduler] <text>` with a `User-Sid` trailer. */
export interface WriteMeta {
  readonly user: string;
  readonly text: string;
  readonly traceId?: string;
}

function commitMessage(meta: WriteMeta): string {
  return `[scheduler] ${meta.text}\n\nUser-Sid: ${meta.user}${meta.traceId === undefined ? '' : `\nTrace-Id: ${meta.traceId}`}`;
}

/** A page of runs, newest queued first. */
export interface RunPage {
  readonly nodes: readonly Run[];
  readonly hasNextPage: boolean;
  /** Offset of the next page. */
  readonly nextOffset: number;
}

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
    await ensureEmptyBranch(t, SCHEDULER_BRANCH, author);
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
   * Runs, newest queued first, optionally of one job and/or in one status: one query to TerminusDB's
   * GraphQL endpoint on `svc-scheduler` (filter, order, limit and offset pushed down).
   */
  async listRuns(filter: { jobId?: string; status?: RunStatus }, offset: number, first: number): Promise<RunPage> {
    await this.ensure();
    const where: Record<string, { eq: string }> = {};
    if (filter.jobId !== undefined) where['jobId'] = { eq: filter.jobId };
    if (filter.status !== undefined) where['status'] = { eq: filter.status };
    const answer = await this.terminus.graphql<{ JobRun?: Doc[] }>({ branch: SCHEDULER_BRANCH }, RUNS_QUERY, { filter: where, limit: first + 1, offset });
    if (answer.errors !== undefined && answer.errors.length > 0) throw new Error(`listing runs failed: ${answer.errors.map((e) => e.message).join('; ')}`);
    const rows = (answer.data?.JobRun ?? []).map(docToRun);
    const nodes = rows.slice(0, first);
    return { nodes, hasNextPage: rows.length > first, nextOffset: offset + nodes.length };
  }

  /** Deletes finished runs queued before `before` (ms), at most `limit` in one commit; returns how many. */
  async pruneRuns(before: number, limit: number): Promise<number> {
    await this.ensure();
    const answer = await this.terminus.graphql<{ JobRun?: { key: string; status: string; queuedAt: string }[] }>({ branch: SCHEDULER_BRANCH }, PRUNE_QUERY, {
      filter: { queuedAt: { lt: new Date(before).toISOString() } },
      limit: limit * 4,
    });
    const ids = (answer.data?.JobRun ?? []).filter((r) => r.status === 'SUCCEEDED' || r.status === 'DEAD' || r.status === 'CANCELLED').slice(0, limit).map((r) => `JobRun/${r.key}`);
    if (ids.length === 0) return 0;
    const t = this.terminus;
    const author = 'system@scheduler';
    const client = t.client({ author });
    const q = new URLSearchParams({ author, message: `[scheduler] prune ${ids.length} finished run(s) queued before ${new Date(before).toISOString()}` });
    await t.call(() => client.sendCustomRequest('DELETE', `${t.settings.url}/api/document/${this.#path()}?${q}`, ids) as Promise<unknown>);
    return ids.length;
  }
}
