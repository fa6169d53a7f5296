import { describe, expect, it } from 'vitest';
import { coreConfigFromEnv } from '../config.js';
import { Model } from '../manifest.js';
import { schemaDrift } from '../schema/SchemaCheck.js';
import { idOfClass, mergePatch, toDocument } from '../write/toDocument.js';

const model = new Model();

describe('input documents', () => {
  it('converts enums, unions, subdocuments and unit branches', () => {
    expect(toDocument(model, 'Pipeline', { name: 'P', status: 'ACTIVE', owner: { team: 'Team/t' }, trigger: { manual: true }, tags: ['Tag/a'] })).toEqual({
      '@type': 'Pipeline', name: 'P', status: 'active', owner: { '@type': 'Owner', team: 'Team/t' }, trigger: { '@type': 'Trigger', manual: [] }, tags: ['Tag/a'],
    });
    expect(toDocument(model, 'Dataset', { columns: [{ name: 'a', type: 'STRING', nullable: true }] })['columns']).toEqual([{ '@type': 'Column', name: 'a', type: 'string', nullable: true }]);
    expect(() => toDocument(model, 'Dataset', { owner: { team: 'Team/t', person: 'Person/p' } })).toThrow(/exactly one/);
  });

  it('merges patches: absent kept, null removed, values replaced', () => {
    expect(mergePatch(model, 'Tag', { '@id': 'Tag/a', '@type': 'Tag', name: 'a', color: 'red', description: 'd' }, { color: null, description: 'e' })).toEqual({ '@id': 'Tag/a', '@type': 'Tag', name: 'a', description: 'e' });
  });

  it('checks ids against the class', () => {
    expect(idOfClass(model, 'Tag', 'Tag/x')).toBe(true);
    expect(idOfClass(model, 'Tag', 'terminusdb:///data/Tag/x')).toBe(true);
    expect(idOfClass(model, 'Tag', 'Team/x')).toBe(false);
    expect(idOfClass(model, 'Asset', 'Dataset/x')).toBe(true);
  });
});

describe('schema drift', () => {
  it('reports classes, properties and enum values the TerminusDB schema lacks', () => {
    const drift = schemaDrift(model, [{ '@id': 'Tag', '@type': 'Class', name: 'xsd:string' }, { '@id': 'AccessLevel', '@type': 'Enum', '@value': ['viewer'] }]);
    expect(drift).toContain('class Dataset is missing');
    expect(drift).toContain('property Tag.color is missing');
    expect(drift).toContain('enum AccessLevel has no value owner');
  });
});

describe('config', () => {
  it('validates the environment with messages that say what to set', () => {
    expect(() => coreConfigFromEnv({})).toThrow(/ROUTER_IDENTITY_KEY/);
    expect(() => coreConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k', CORE_PORT: 'x' })).toThrow(/CORE_PORT/);
    expect(coreConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k' })).toMatchObject({ port: 4001, identityKey: 'k', terminus: { url: 'http://127.0.0.1:6363', db: 'supergraph' } });
    expect(() => coreConfigFromEnv({ ROUTER_IDENTITY_KEY: 'k', TERMINUSDB_URL: 'ftp://x' })).toThrow(/TERMINUSDB_URL/);
  });
});
