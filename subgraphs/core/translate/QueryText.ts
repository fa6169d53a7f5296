/** A GraphQL variable of the TerminusDB request being built. */
export interface VariableDef {
  readonly name: string;
  /** TerminusDB GraphQL type, e.g. `Dataset_Filter`, `ID`, `[ID!]`. */
  readonly type: string;
  readonly value: unknown;
}

/**
 * Collects the variables of one part (one root field) of a TerminusDB GraphQL request. Names are
 * prefixed so that several parts can share one request.
 */
export class VariableSink {
  readonly defs: VariableDef[];

  constructor(
    readonly prefix: string,
    /** Variables already added (a cached plan's). */
    initial: readonly VariableDef[] = [],
  ) {
    this.defs = [...initial];
  }

  /** Adds a variable and returns its reference (`$p0_v1`). */
  add(type: string, value: unknown): string {
    const name = `${this.prefix}v${this.defs.length}`;
    this.defs.push({ name, type, value });
    return `$${name}`;
  }
}

/** Renders list arguments `(a: x, b: y)`, or nothing when there are none. */
export function renderArgs(args: readonly (readonly [string, string | undefined])[]): string {
  const parts = args.filter((a): a is readonly [string, string] => a[1] !== undefined).map(([k, v]) => `${k}: ${v}`);
  return parts.length === 0 ? '' : `(${parts.join(', ')})`;
}

/** A GraphQL string literal (JSON string syntax is valid GraphQL). */
export function stringLiteral(s: string): string {
  return JSON.stringify(s);
}
