import Database from 'better-sqlite3';
import type { DatabaseRecord, GraphType, LinkRef } from '../types.js';
import type { DeltaEntry } from './GraphTrees.js';

/**
 * Column `changes.type`: NULL when it equals the document's leading `@type` (the usual case, so
 * it costs nothing), '' when the change had no type, else the type.
 */

/** A commit row as loaded at open (all metadata is kept in memory; deltas are read on demand). */
export interface CommitRow {
  n: number;
  db: number;
  id: string;
  seq: number;
  parent: string | null;
  initial: number;
  author: string;
  message: string;
  timestamp: number;
  user: string;
  context: string | null;
  first_change: number | null;
  last_change: number | null;
}

export interface DatabaseRow {
  n: number;
  id: string;
  org: string;
  name: string;
  label: string;
  comment: string;
  public: number;
  schemaless: number;
  created: string;
}

export interface BranchRow {
  db: number;
  name: string;
  head: string;
}

const DDL = `
CREATE TABLE IF NOT EXISTS dbs (n INTEGER PRIMARY KEY, id TEXT NOT NULL, org TEXT NOT NULL, name TEXT NOT NULL,
  label TEXT NOT NULL, comment TEXT NOT NULL, public INTEGER NOT NULL, schemaless INTEGER NOT NULL,
  created TEXT NOT NULL, UNIQUE (org, name));
CREATE TABLE IF NOT EXISTS commits (n INTEGER PRIMARY KEY, db INTEGER NOT NULL, id TEXT NOT NULL,
  seq INTEGER NOT NULL, parent TEXT, initial INTEGER NOT NULL, author TEXT NOT NULL, message TEXT NOT NULL,
  timestamp REAL NOT NULL, user TEXT NOT NULL, context TEXT, first_change INTEGER, last_change INTEGER);
CREATE INDEX IF NOT EXISTS commits_db ON commits (db);
CREATE TABLE IF NOT EXISTS changes (n INTEGER PRIMARY KEY, graph INTEGER NOT NULL, id TEXT NOT NULL,
  doc TEXT, type TEXT, links TEXT);
CREATE TABLE IF NOT EXISTS branches (n INTEGER PRIMARY KEY, db INTEGER NOT NULL, name TEXT NOT NULL,
  head TEXT NOT NULL, UNIQUE (db, name));
`;

const GRAPHS: readonly GraphType[] = ['instance', 'schema'];

/** Packs links as `[[prop, target], ...]`. */
function encodeLinks(links: readonly LinkRef[] | undefined): string | null {
  if (links === undefined || links.length === 0) return null;
  return JSON.stringify(links.map((l) => [l.prop, l.target]));
}

function decodeLinks(text: string | null): LinkRef[] | undefined {
  if (text === null) return undefined;
  return (JSON.parse(text) as [string, string][]).map(([prop, target]) => ({ prop, target }));
}

/** `@type` of a JSON text without parsing it all, when it is the first key (the usual case). */
function leadingType(text: string): string | undefined {
  const m = /^\{"@type":"((?:[^"\\]|\\.)*)"/.exec(text) ?? /^\{"@id":"(?:[^"\\]|\\.)*","@type":"((?:[^"\\]|\\.)*)"/.exec(text);
  return m?.[1] !== undefined && !m[1].includes('\\') ? m[1] : undefined;
}

/**
 * The durable log in SQLite (WAL): databases, commits, per-commit deltas (a contiguous range of
 * `changes` rows, so they need no index of their own) and branches.
 */
export class SqlLog {
  readonly sql: Database.Database;
  private readonly stmts;

  constructor(path: string | undefined, sync: 'normal' | 'full') {
    this.sql = new Database(path ?? ':memory:');
    this.sql.pragma('journal_mode = WAL');
    this.sql.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
    this.sql.exec(DDL);
    const s = this.sql;
    this.stmts = {
      insertDb: s.prepare(
        'INSERT INTO dbs (id, org, name, label, comment, public, schemaless, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      updateDb: s.prepare('UPDATE dbs SET label = ?, comment = ?, public = ? WHERE n = ?'),
      insertCommit: s.prepare(
        `INSERT INTO commits (db, id, seq, parent, initial, author, message, timestamp, user, context, first_change, last_change)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertChange: s.prepare('INSERT INTO changes (graph, id, doc, type, links) VALUES (?, ?, ?, ?, ?)'),
      readChanges: s.prepare('SELECT n, graph, id, doc, type, links FROM changes WHERE n BETWEEN ? AND ? ORDER BY n').raw(),
      insertBranch: s.prepare('INSERT INTO branches (db, name, head) VALUES (?, ?, ?)'),
      moveBranch: s.prepare('UPDATE branches SET head = ? WHERE db = ? AND name = ?'),
      deleteBranch: s.prepare('DELETE FROM branches WHERE db = ? AND name = ?'),
      deleteChanges: s.prepare('DELETE FROM changes WHERE n BETWEEN ? AND ?'),
      deleteCommits: s.prepare('DELETE FROM commits WHERE db = ?'),
      deleteBranches: s.prepare('DELETE FROM branches WHERE db = ?'),
      deleteDb: s.prepare('DELETE FROM dbs WHERE n = ?'),
    };
  }

  /** Runs `fn` in one transaction: everything or nothing is written. */
  transaction<T>(fn: () => T): T {
    return this.sql.transaction(fn)();
  }

  loadDatabases(): DatabaseRow[] {
    return this.sql.prepare('SELECT * FROM dbs ORDER BY n').all() as DatabaseRow[];
  }

  loadCommits(): CommitRow[] {
    return this.sql.prepare('SELECT * FROM commits ORDER BY n').all() as CommitRow[];
  }

  loadBranches(): BranchRow[] {
    return this.sql.prepare('SELECT db, name, head FROM branches ORDER BY n').all() as BranchRow[];
  }

  insertDatabase(r: DatabaseRecord): number {
    const info = this.stmts.insertDb.run(r.id, r.org, r.name, r.label, r.comment, r.public ? 1 : 0, r.schemaless ? 1 : 0, r.creationDate);
    return Number(info.lastInsertRowid);
  }

  updateDatabase(n: number, r: DatabaseRecord): void {
    this.stmts.updateDb.run(r.label, r.comment, r.public ? 1 : 0, n);
  }

  /** Appends the delta rows; returns their contiguous row range, or null when empty. */
  insertChanges(entries: readonly DeltaEntry[]): [number, number] | null {
    let first = -1;
    let last = -1;
    for (const e of entries) {
      const inferred = e.text === null ? undefined : leadingType(e.text);
      const type = e.type === inferred ? null : (e.type ?? '');
      const info = this.stmts.insertChange.run(e.graph === 'instance' ? 0 : 1, e.id, e.text, type, encodeLinks(e.links));
      const n = Number(info.lastInsertRowid);
      if (first < 0) first = n;
      else if (n !== last + 1) throw new Error('store: change rows are not contiguous');
      last = n;
    }
    return first < 0 ? null : [first, last];
  }

  insertCommit(row: Omit<CommitRow, 'n'>): number {
    const r = row;
    const info = this.stmts.insertCommit.run(
      r.db, r.id, r.seq, r.parent, r.initial, r.author, r.message, r.timestamp, r.user, r.context, r.first_change, r.last_change,
    );
    return Number(info.lastInsertRowid);
  }

  /**
   * The deltas of several commits, from their row ranges (ascending, non-overlapping): one range
   * scan from the first row to the last, skipping rows of other commits.
   */
  readDeltas(ranges: readonly (readonly [number, number])[]): DeltaEntry[][] {
    const out: DeltaEntry[][] = ranges.map(() => []);
    const lo = ranges[0]?.[0];
    const hi = ranges[ranges.length - 1]?.[1];
    if (lo === undefined || hi === undefined) return out;
    let k = 0;
    for (const row of this.stmts.readChanges.iterate(lo, hi)) {
      const [n, graph, id, text, type, links] = row as [number, number, string, string | null, string | null, string | null];
      while (k < ranges.length && (ranges[k]?.[1] ?? 0) < n) k++;
      const range = ranges[k];
      if (range === undefined) break;
      if (n < range[0]) continue;
      out[k]?.push({
        graph: GRAPHS[graph] ?? 'instance',
        id,
        text,
        doc: undefined,
        type: type === null ? (text === null ? undefined : leadingType(text)) : type === '' ? undefined : type,
        links: decodeLinks(links),
      });
    }
    return out;
  }

  insertBranch(db: number, name: string, head: string): void {
    this.stmts.insertBranch.run(db, name, head);
  }

  moveBranch(db: number, name: string, head: string): void {
    this.stmts.moveBranch.run(head, db, name);
  }

  deleteBranch(db: number, name: string): void {
    this.stmts.deleteBranch.run(db, name);
  }

  /** Deletes a database with its commits (and their change ranges) and branches. */
  deleteDatabase(db: number, ranges: Iterable<[number, number]>): void {
    for (const [a, b] of ranges) this.stmts.deleteChanges.run(a, b);
    this.stmts.deleteCommits.run(db);
    this.stmts.deleteBranches.run(db);
    this.stmts.deleteDb.run(db);
  }

  close(): void {
    if (this.sql.open) this.sql.close();
  }
}
