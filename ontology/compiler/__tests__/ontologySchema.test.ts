import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SCHEMA_DIR } from '../../paths.js';
import { loadSchemaDir } from '../loadSchemaDir.js';
import { classes, enums } from '../model/queries.js';
import { parseSchema } from '../parse/parseSchema.js';
import { validateOntology } from '../rules/validateOntology.js';

describe('ontology/schema', () => {
  const { model, diagnostics } = parseSchema(loadSchemaDir(SCHEMA_DIR, REPO_ROOT));

  it('parses and passes every rule', () => {
    expect(diagnostics).toEqual([]);
    expect(validateOntology(model)).toEqual([]);
  });

  it('has 15 to 25 classes, enums for sensitivity and status, and marks PII, scopes and embeddings', () => {
    expect(classes(model).length).toBeGreaterThanOrEqual(15);
    expect(classes(model).length).toBeLessThanOrEqual(25);
    expect(enums(model).map((e) => e.id)).toEqual(expect.arrayContaining(['Sensitivity', 'AssetStatus']));
    const person = classes(model).find((c) => c.id === 'Person');
    expect(person?.metadata.properties['email']).toEqual({ pii: true, scopes: ['pii:read'] });
    expect(classes(model).find((c) => c.id === 'Incident')?.metadata.embed).toContain('summary');
  });

  it('documents every class and property', () => {
    const missing = classes(model).flatMap((c) => [
      ...(c.comment === undefined ? [c.id] : []),
      ...c.properties.filter((p) => p.comment === undefined).map((p) => `${c.id}.${p.name}`),
    ]);
    expect(missing).toEqual([]);
  });
});
