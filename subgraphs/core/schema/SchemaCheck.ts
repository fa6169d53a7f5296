import { refPath, type Terminus } from '../../../lib/index.js';
import type { Model } from '../manifest.js';

type Obj = Record<string, unknown>;

/** Options of the schema check. */
export interface SchemaCheckOptions {
  /** How long a check result is kept (ms, default 30 s); `invalidate()` drops it at once. */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

/** Differences between a TerminusDB schema (documents of `graph_type=schema`) and the compiled model. */
export function schemaDrift(model: Model, schemaDocs: readonly Obj[]): string[] {
  const byId = new Map(schemaDocs.map((d) => [String(d['@id']), d]));
  const drift: string[] = [];
  for (const t of Object.values(model.manifest.types)) {
    if (t.kind === 'enum') {
      const doc = byId.get(t.enum);
      const values = Array.isArray(doc?.['@value']) ? (doc['@value'] as unknown[]) : [];
      for (const v of Object.values(t.values)) if (!values.includes(v)) drift.push(`enum ${t.enum} has no value ${v}`);
      continue;
    }
    if (t.kind === 'union') continue;
    const doc = byId.get(t.class);
    if (doc === undefined) {
      drift.push(`class ${t.class} is missing`);
      continue;
    }
    const raw = doc['@oneOf'];
    const oneOf = (Array.isArray(raw) ? raw : raw !== null && typeof raw === 'object' ? [raw] : []) as Obj[];
    for (const f of Object.values(t.fields)) {
      if (f.kind !== 'property' || f.declaredBy !== t.class) continue;
      if (!(f.property in doc) && !oneOf.some((o) => f.property in o)) drift.push(`property ${t.class}.${f.property} is missing`);
    }
  }
  return [...new Set(drift)];
}

/**
 * The TerminusDB schema of `main` compared with the compiled model, cached with a TTL; a read that
 * TerminusDB refuses as invalid (its schema changed) invalidates it. Reported by `/readyz`.
 */
export class SchemaCheck {
  #cached: { at: number; drift: Promise<string[]> } | undefined;
  readonly #ttl: number;
  readonly #now: () => number;

  constructor(
    private readonly terminus: Terminus,
    private readonly model: Model,
    options: SchemaCheckOptions = {},
  ) {
    this.#ttl = options.ttlMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  /** Differences between TerminusDB's schema and the model (empty: they agree). */
  drift(): Promise<string[]> {
    const c = this.#cached;
    if (c !== undefined && this.#now() - c.at < this.#ttl) return c.drift;
    const drift = this.#load();
    this.#cached = { at: this.#now(), drift };
    drift.catch(() => (this.#cached = undefined));
    return drift;
  }

  invalidate(): void {
    this.#cached = undefined;
  }

  async #load(): Promise<string[]> {
    const s = this.terminus.settings;
    const client = this.terminus.client();
    const url = `${s.url}/api/document/${refPath(s, { branch: 'main' })}?graph_type=schema&as_list=true`;
    const docs = await this.terminus.call(() => client.sendCustomRequest('GET', url) as Promise<unknown>);
    return schemaDrift(this.model, Array.isArray(docs) ? (docs as Obj[]) : []);
  }
}
