import { createRandom, type Random } from './random.js';

/** One instance document as sent to TerminusDB's document API. */
export type SeedDocument = { readonly '@type': string; readonly '@id'?: string } & Record<string, unknown>;

/** A document class instance the generator keeps for later references. */
export interface Ref {
  readonly id: string;
  readonly doc: SeedDocument;
}

const EPOCH = Date.UTC(2024, 0, 8, 9, 0, 0);

/** Mutable state of one seed generation: the random source, the documents so far, and name registries. */
export class SeedBuilder {
  readonly random: Random;
  readonly documents: SeedDocument[] = [];
  readonly #taken = new Map<string, Set<string>>();

  constructor(seed: number) {
    this.random = createRandom(seed);
  }

  /** Appends a document and returns a reference to it. */
  add(doc: SeedDocument): Ref {
    this.documents.push(doc);
    return { id: doc['@id'] ?? '', doc };
  }

  /** `base`, or `base<sep>2`, `base<sep>3`... — the first not yet taken in `namespace`. */
  unique(namespace: string, base: string, sep = '-'): string {
    const taken = this.#taken.get(namespace) ?? new Set<string>();
    this.#taken.set(namespace, taken);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${sep}${i}`;
    taken.add(name);
    return name;
  }

  /** A UTC timestamp `minutes` after the seed epoch (2024-01-08T09:00:00Z), in TerminusDB's output form. */
  at(minutes: number): string {
    return new Date(EPOCH + Math.round(minutes) * 60_000).toISOString().replace('.000Z', 'Z');
  }

  /** A random timestamp within the first `days` days after the epoch. */
  within(days: number): string {
    return this.at(this.random.int(0, days * 24 * 60));
  }
}
