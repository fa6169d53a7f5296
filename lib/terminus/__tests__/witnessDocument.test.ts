import { describe, expect, it } from 'vitest';
import { witnessDocument } from '../witnesses.js';

describe('witnessDocument', () => {
  it('finds the document a witness is about', () => {
    expect(witnessDocument({ '@type': 'instance_not_cardinality_one', instance: 'terminusdb:///data/Project/alpha' })).toBe('Project/alpha');
    expect(witnessDocument({ '@type': 'deleted_object_still_referenced', subject: 'terminusdb:///data/A/1' })).toBe('A/1');
    expect(witnessDocument({ 'terminusdb:///schema#ref': { '@type': 'no_unique_type_for_document', document: { '@id': 'X/1' } } })).toBe('X/1');
    expect(witnessDocument({ '@type': 'cycle_in_class', from_class: 'A' })).toBe('schema');
  });
});
