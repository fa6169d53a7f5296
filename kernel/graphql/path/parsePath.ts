import { GraphQLError } from 'graphql';

/** A property step: a named property or `.` (any property). */
export type Pred = { readonly any: true } | { readonly any: false; readonly name: string };

/** TerminusDB's path expression (`src/rust/terminusdb-community/src/path/parse.rs`). */
export type Path =
  | { readonly t: 'seq'; readonly items: readonly Path[] }
  | { readonly t: 'choice'; readonly items: readonly Path[] }
  | { readonly t: 'forward'; readonly pred: Pred }
  | { readonly t: 'backward'; readonly pred: Pred }
  | { readonly t: 'plus'; readonly path: Path }
  | { readonly t: 'star'; readonly path: Path }
  | { readonly t: 'times'; readonly path: Path; readonly min: number; readonly max: number };

const PROPERTY_CHAR = /[\p{L}\p{N}:/_-]/u;

const parsed = new Map<string, Path>();
const PARSED_MAX = 1024;

/** {@link parsePath}, memoised (paths are immutable values; a query names the same path for every node). */
export function parsePathCached(source: string): Path {
  let p = parsed.get(source);
  if (p === undefined) {
    p = parsePath(source);
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(source, p);
  }
  return p;
}

/**
 * Parses a path: `p` or `p>` (forward), `<p` (backward), `.` (any property), `A,B` (sequence),
 * `A|B` (choice), `A+`, `A*`, `A{n,m}` (repetition: levels n to m-1, as TerminusDB), `( … )`.
 * Throws a GraphQLError on a syntax error.
 */
export function parsePath(source: string): Path {
  let pos = 0;
  const fail = (what: string): never => {
    throw new GraphQLError(`Invalid path ${JSON.stringify(source)}: ${what} at position ${pos}`);
  };
  const ws = (): void => {
    while (pos < source.length && /\s/u.test(source[pos] ?? '')) pos++;
  };
  const pred = (): Pred => {
    ws();
    if (source[pos] === '.') {
      pos++;
      ws();
      return { any: true };
    }
    const start = pos;
    while (pos < source.length && PROPERTY_CHAR.test(source[pos] ?? '')) pos++;
    if (pos === start) fail('expected a property name');
    const name = source.slice(start, pos);
    ws();
    return { any: false, name };
  };
  const pattern = (): Path => {
    ws();
    if (source[pos] === '(') {
      pos++;
      const inner = ands();
      ws();
      if (source[pos] !== ')') fail("expected ')'");
      pos++;
      return inner;
    }
    if (source[pos] === '<') {
      pos++;
      return { t: 'backward', pred: pred() };
    }
    const p = pred();
    if (source[pos] === '>') {
      pos++;
      ws();
    }
    return { t: 'forward', pred: p };
  };
  const repeat = (): Path => {
    const p = pattern();
    const c = source[pos];
    if (c === '+') {
      pos++;
      return { t: 'plus', path: p };
    }
    if (c === '*') {
      pos++;
      return { t: 'star', path: p };
    }
    if (c === '{') {
      const m = /^\{(\d*),(\d*)\}/.exec(source.slice(pos));
      if (m === null) return fail("expected '{n,m}'");
      pos += m[0].length;
      return { t: 'times', path: p, min: Number(m[1] ?? 0), max: Number(m[2] ?? 0) };
    }
    return p;
  };
  const ors = (): Path => {
    const items = [repeat()];
    while (source[pos] === '|') {
      pos++;
      items.push(repeat());
    }
    return items.length === 1 && items[0] !== undefined ? items[0] : { t: 'choice', items };
  };
  function ands(): Path {
    const items = [ors()];
    while (source[pos] === ',') {
      pos++;
      items.push(ors());
    }
    return items.length === 1 && items[0] !== undefined ? items[0] : { t: 'seq', items };
  }
  const result = ands();
  ws();
  if (pos !== source.length) fail('unexpected input');
  return result;
}
