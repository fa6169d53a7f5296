import type { CommitInput, CommitRecord, DatabaseRecord, GraphType, JsonObject } from '../types.js';
import { DatabaseState, type CommitMeta, type RetentionOptions } from './DatabaseState.js';
import { recordText } from './DocRecord.js';
import type { DeltaEntry } from './GraphTrees.js';
import { isoNow, newCommitId, newDatabaseId, nextTimestamp } from './ids.js';
import { planCommit } from './planCommit.js';
import { SnapshotBuilder } from './SnapshotBuilder.js';
import type { SnapshotView } from './SnapshotView.js';
import { SqlLog, type CommitRow } from './SqlLog.js';
import { HeadMovedError, type CreateDatabaseInput, type DatabaseUpdate, type Store } from './Store.js';

/** The user recorded on commits the store makes by itself (InitialCommits). */
const SYSTEM_USER = 'terminusdb://system/data/User/admin';

function recordOf(row: CommitRow): CommitRecord {
  return {
    id: row.id,
    type: row.initial === 1 ? 'InitialCommit' : 'ValidCommit',
    author: row.author,
    message: row.message,
    timestamp: row.timestamp,
    user: row.user,
    ...(row.parent === null ? {} : { parent: row.parent }),
    seq: row.seq,
  };
}

const dbKey = (org: string, name: string): string => `${org}\u0000${name}`;

/** `Store` over a SQLite log with persistent in-memory snapshots (see kernel/store/README.md). */
export class SqliteStore implements Store {
  private readonly log: SqlLog;
  private readonly dbs = new Map<string, DatabaseState>();

  constructor(path: string | undefined, sync: 'normal' | 'full', private readonly retention: RetentionOptions) {
    this.log = new SqlLog(path, sync);
    this.load();
  }

  private newState(record: DatabaseRecord, row: number): DatabaseState {
    return new DatabaseState(record, row, this.retention, (ranges) => this.log.readDeltas(ranges));
  }

  private load(): void {
    const byRow = new Map<number, DatabaseState>();
    for (const r of this.log.loadDatabases()) {
      const record: DatabaseRecord = {
        id: r.id, org: r.org, name: r.name, label: r.label, comment: r.comment,
        public: r.public === 1, schemaless: r.schemaless === 1, creationDate: r.created,
      };
      const st = this.newState(record, r.n);
      this.dbs.set(dbKey(r.org, r.name), st);
      byRow.set(r.n, st);
    }
    for (const row of this.log.loadCommits()) {
      const st = byRow.get(row.db);
      if (st === undefined) continue;
      const record = recordOf(row);
      st.addCommit({
        record,
        range: row.first_change === null || row.last_change === null ? null : [row.first_change, row.last_change],
        context: row.context,
        depth: st.depthAfter(record.parent),
      });
    }
    for (const b of this.log.loadBranches()) byRow.get(b.db)?.branches.set(b.name, b.head);
  }

  private state(db: DatabaseRecord): DatabaseState {
    const st = this.dbs.get(dbKey(db.org, db.name));
    if (st?.record.id !== db.id) throw new Error(`store: unknown database ${db.org}/${db.name}`);
    return st;
  }

  private meta(st: DatabaseState, commitId: string): CommitMeta {
    const meta = st.commits.get(commitId);
    if (meta === undefined) throw new Error(`store: unknown commit ${commitId} in ${st.record.org}/${st.record.name}`);
    return meta;
  }

  private head(st: DatabaseState, branch: string): string {
    const head = st.branches.get(branch);
    if (head === undefined) throw new Error(`store: unknown branch ${branch} in ${st.record.org}/${st.record.name}`);
    return head;
  }

  /** Writes a commit row with its delta; returns the metadata to remember. */
  private writeCommit(st: DatabaseState, record: CommitRecord, entries: readonly DeltaEntry[], context: JsonObject | undefined, after?: () => void): CommitMeta {
    const contextText = context === undefined ? null : JSON.stringify(context);
    const range = this.log.transaction(() => {
      const range = this.log.insertChanges(entries);
      this.log.insertCommit({
        db: st.row, id: record.id, seq: record.seq, parent: record.parent ?? null,
        initial: record.type === 'InitialCommit' ? 1 : 0, author: record.author, message: record.message,
        timestamp: record.timestamp, user: record.user, context: contextText,
        first_change: range?.[0] ?? null, last_change: range?.[1] ?? null,
      });
      after?.();
      return range;
    });
    const meta: CommitMeta = { record, range, context: contextText, depth: st.depthAfter(record.parent) };
    st.addCommit(meta);
    return meta;
  }

  private newRecord(st: DatabaseState, type: CommitRecord['type'], info: { author: string; message: string; user: string }, parent?: string): CommitRecord {
    return {
      id: newCommitId(), type, author: info.author, message: info.message,
      timestamp: nextTimestamp(st.lastTimestamp), user: info.user,
      ...(parent === undefined ? {} : { parent }), seq: st.nextSeq,
    };
  }

  listDatabases(): readonly DatabaseRecord[] {
    return [...this.dbs.values()].map((st) => st.record);
  }

  getDatabase(org: string, name: string): DatabaseRecord | undefined {
    return this.dbs.get(dbKey(org, name))?.record;
  }

  createDatabase(input: CreateDatabaseInput): DatabaseRecord {
    if (this.dbs.has(dbKey(input.org, input.name))) throw new Error(`store: database ${input.org}/${input.name} exists`);
    const record: DatabaseRecord = {
      id: newDatabaseId(), org: input.org, name: input.name, label: input.label, comment: input.comment,
      public: input.public, schemaless: input.schemaless, creationDate: isoNow(),
    };
    const st = this.log.transaction(() => {
      const s = this.newState(record, this.log.insertDatabase(record));
      const initial = this.newRecord(s, 'InitialCommit', { author: 'system', message: 'create initial schema', user: SYSTEM_USER });
      this.writeCommit(s, initial, [], input.context, () => this.log.insertBranch(s.row, 'main', initial.id));
      s.setBranch('main', initial.id);
      return s;
    });
    this.dbs.set(dbKey(record.org, record.name), st);
    return record;
  }

  updateDatabase(db: DatabaseRecord, update: DatabaseUpdate): DatabaseRecord {
    const st = this.state(db);
    const record: DatabaseRecord = { ...st.record, ...update };
    this.log.updateDatabase(st.row, record);
    st.record = record;
    return record;
  }

  deleteDatabase(db: DatabaseRecord): void {
    const st = this.state(db);
    this.log.transaction(() => this.log.deleteDatabase(st.row, st.ranges()));
    this.dbs.delete(dbKey(db.org, db.name));
  }

  branches(db: DatabaseRecord): ReadonlyMap<string, string> {
    return new Map(this.state(db).branches);
  }

  getCommit(db: DatabaseRecord, commitId: string): CommitRecord | undefined {
    return this.state(db).commits.get(commitId)?.record;
  }

  snapshot(db: DatabaseRecord, commitId: string): SnapshotView {
    const st = this.state(db);
    this.meta(st, commitId);
    return st.snapshot(commitId);
  }

  *history(db: DatabaseRecord, commitId: string): Iterable<CommitRecord> {
    const st = this.state(db);
    let id: string | undefined = commitId;
    while (id !== undefined) {
      const meta = st.commits.get(id);
      if (meta === undefined) return;
      yield meta.record;
      id = meta.record.parent;
    }
  }

  commit(db: DatabaseRecord, branch: string, input: CommitInput, expectedHead?: string): { commit: CommitRecord; created: boolean } {
    const st = this.state(db);
    const head = this.head(st, branch);
    if (expectedHead !== undefined && expectedHead !== head) throw new HeadMovedError(branch, expectedHead, head);
    const headMeta = this.meta(st, head);
    const headSnap = st.snapshot(head);
    const plan = planCommit(headSnap, input);
    if (plan.entries.length === 0 && plan.context === undefined) return { commit: headMeta.record, created: false };

    const replacing = headMeta.record.type === 'InitialCommit';
    const record = this.newRecord(st, 'ValidCommit', input, replacing ? undefined : head);
    const context = plan.context ?? (replacing ? headSnap.context : undefined);
    const builder = replacing ? SnapshotBuilder.empty(headSnap.context) : SnapshotBuilder.from(headSnap);
    if (plan.context !== undefined) builder.setContext(plan.context);
    builder.apply(plan.entries, record.seq);
    const snap = builder.freeze(record);

    this.writeCommit(st, record, plan.entries, context, () => this.log.moveBranch(st.row, branch, record.id));
    st.setBranch(branch, record.id);
    st.remember(snap);
    return { commit: record, created: true };
  }

  createBranch(db: DatabaseRecord, name: string, from: { commit: string } | { context: JsonObject }): void {
    const st = this.state(db);
    if (st.branches.has(name)) throw new Error(`store: branch ${name} exists`);
    if ('commit' in from) {
      this.meta(st, from.commit);
      this.log.insertBranch(st.row, name, from.commit);
      st.setBranch(name, from.commit);
      return;
    }
    const initial = this.newRecord(st, 'InitialCommit', { author: 'system', message: 'create initial schema', user: SYSTEM_USER });
    this.writeCommit(st, initial, [], from.context, () => this.log.insertBranch(st.row, name, initial.id));
    st.setBranch(name, initial.id);
  }

  deleteBranch(db: DatabaseRecord, name: string): void {
    const st = this.state(db);
    this.head(st, name);
    this.log.deleteBranch(st.row, name);
    st.setBranch(name, undefined);
  }

  resetBranch(db: DatabaseRecord, name: string, commitId: string): void {
    const st = this.state(db);
    this.head(st, name);
    this.meta(st, commitId);
    this.log.moveBranch(st.row, name, commitId);
    st.setBranch(name, commitId);
  }

  squash(db: DatabaseRecord, commitId: string, info: { author: string; message: string; user: string }): CommitRecord {
    const st = this.state(db);
    this.meta(st, commitId);
    const snap = st.snapshot(commitId);
    const entries: DeltaEntry[] = [];
    for (const graph of ['instance', 'schema'] as const satisfies readonly GraphType[]) {
      for (const [id, rec] of snap.graphs[graph].docs.entries()) {
        entries.push({ graph, id, text: recordText(rec), doc: rec.doc, type: rec.type, links: rec.links });
      }
    }
    const record = this.newRecord(st, 'ValidCommit', info);
    this.writeCommit(st, record, entries, snap.context);
    return record;
  }

  /** Materialised snapshot counts per database (diagnostics for benchmarks). */
  stats(): { databases: number; pinned: number; checkpoints: number; recent: number } {
    const out = { databases: this.dbs.size, pinned: 0, checkpoints: 0, recent: 0 };
    for (const st of this.dbs.values()) {
      const m = st.materialised;
      out.pinned += m.pinned;
      out.checkpoints += m.checkpoints;
      out.recent += m.recent;
    }
    return out;
  }

  close(): void {
    this.log.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
