import type { Terminus } from '../lib/index.js';
import { demoSeed, pushOntology, type SeedDocument } from '../ontology/index.js';

/** What `bootstrapDatabase` did. */
export interface BootstrapResult {
  readonly created: boolean;
  readonly schemaPushed: boolean;
  readonly seeded: number;
}

/**
 * Makes the supergraph's database usable: creates it when missing, writes the ontology when the
 * schema graph is empty, and loads `documents` (default: the demo seed) when there is no instance
 * data. Idempotent: an existing database with data is left alone.
 */
export async function bootstrapDatabase(
  terminus: Terminus,
  options: { seed?: boolean; documents?: readonly SeedDocument[] } = {},
): Promise<BootstrapResult> {
  const { organization, db } = terminus.settings;
  const admin = terminus.client({ author: 'bootstrap@cli' });
  let created = false;
  if (!(await terminus.call(() => admin.hasDatabase(organization, db)))) {
    await terminus.call(() =>
      admin.createDatabase(db, { label: 'terminus-supergraph', comment: 'Data asset catalog (ontology/)', schema: true }),
    );
    created = true;
  }
  const client = terminus.client({ author: 'bootstrap@cli' });
  const schema = (await terminus.call(() => client.getDocument({ graph_type: 'schema', as_list: true }, db))) as unknown[];
  let schemaPushed = false;
  if (schema.length <= 1) {
    await terminus.call(() => pushOntology(client, { branch: 'main', message: '[ontology] initial schema', db }));
    schemaPushed = true;
  }
  let seeded = 0;
  if (options.seed !== false) {
    const any = (await terminus.call(() => client.getDocument({ as_list: true, count: 1 }, db))) as unknown[];
    if (any.length === 0) {
      const docs = options.documents ?? demoSeed();
      await terminus.call(() => client.addDocument([...docs], {}, db, `[seed] ${docs.length} demo documents`));
      seeded = docs.length;
    }
  }
  return { created, schemaPushed, seeded };
}
