/** Where a diagnostic points: the schema file, the schema document (`@id`) and the property at fault. */
export interface DiagnosticLocation {
  /** Source file of the schema document, relative to the repository (e.g. `ontology/schema/assets.json`). */
  readonly file?: string;
  /** `@id` of the schema document at fault (class, enum, tagged union or `@context`). */
  readonly document?: string;
  /** Property of that document at fault. */
  readonly property?: string;
}

/** A compile error: a stable code, a message that names the document and property, and where it is. */
export interface Diagnostic extends DiagnosticLocation {
  /** Stable machine-readable code, e.g. `UNKNOWN_RANGE`. */
  readonly code: string;
  /** Human readable message. */
  readonly message: string;
}

/** Builds a diagnostic whose message is prefixed with its location (`file: Class.property: message`). */
export function diagnostic(code: string, message: string, at: DiagnosticLocation = {}): Diagnostic {
  const where = [at.document, at.property].filter((part) => part !== undefined).join('.');
  const prefix = [at.file, where].filter((part) => part !== undefined && part !== '').join(': ');
  return { code, message: prefix === '' ? message : `${prefix}: ${message}`, ...at };
}

/** Thrown when compilation fails; carries every diagnostic. */
export class OntologyCompileError extends Error {
  /** All problems found, in document order. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(`ontology has ${diagnostics.length} error(s):\n${diagnostics.map((d) => `  [${d.code}] ${d.message}`).join('\n')}`);
    this.name = 'OntologyCompileError';
    this.diagnostics = diagnostics;
  }
}
