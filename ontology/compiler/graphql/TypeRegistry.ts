import { diagnostic, type Diagnostic, type DiagnosticLocation } from '../diagnostics.js';
import type { TypeDef } from './sdlModel.js';

/**
 * Collects the generated types. Adding a second, different type under a name already taken is a name
 * clash and becomes a diagnostic (the rules should have caught it earlier; this is the last line).
 */
export class TypeRegistry {
  readonly #types = new Map<string, { def: TypeDef; at: DiagnosticLocation }>();
  /** Name clashes found while adding. */
  readonly diagnostics: Diagnostic[] = [];

  /** Adds a type; an identical re-add is ignored (shared helper types are added on demand). */
  add(def: TypeDef, at: DiagnosticLocation = {}): void {
    if (def.kind === 'object' || def.kind === 'interface' || def.kind === 'input') {
      const seen = new Set<string>();
      for (const field of def.fields) {
        if (seen.has(field.name)) this.diagnostics.push(diagnostic('NAME_CLASH', `type "${def.name}" would have two fields named "${field.name}"`, at));
        seen.add(field.name);
      }
    }
    const previous = this.#types.get(def.name);
    if (previous === undefined) return void this.#types.set(def.name, { def, at });
    if (JSON.stringify(previous.def) === JSON.stringify(def)) return;
    this.diagnostics.push(diagnostic('NAME_CLASH', `two generated types are both named "${def.name}"`, at));
  }

  /** True when a type of this name was added. */
  has(name: string): boolean {
    return this.#types.has(name);
  }

  /** Every type, sorted by name. */
  types(): TypeDef[] {
    return [...this.#types.values()].map((t) => t.def).sort((a, b) => compareNames(a.name, b.name));
  }
}

/** Stable code-point order (not locale-dependent). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
