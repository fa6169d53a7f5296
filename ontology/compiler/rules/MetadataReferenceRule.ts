import { diagnostic } from '../diagnostics.js';
import { allProperties, getClass } from '../model/queries.js';
import type { PropertyDef } from '../model/types.js';
import type { OntologyRule } from './OntologyValidationContext.js';

const TEXT_RANGES: ReadonlySet<string> = new Set(['xsd:string', 'xsd:normalizedString', 'xsd:token', 'rdf:langString', 'xdd:html']);

/**
 * Class `@metadata` refers only to properties the class has: `properties.<p>` (PII, scopes), `embed`
 * (which must be text), and `graphql.backlinks` paths (`p`, or `p.q` through a subdocument, ending at a link).
 */
export const MetadataReferenceRule: OntologyRule = (context) => ({
  Class(cls) {
    const props = new Map(allProperties(context.model, cls).map((p) => [p.name, p]));
    const report = (property: string, message: string): void =>
      context.reportError(diagnostic('UNKNOWN_METADATA_PROPERTY', message, { file: cls.file, document: cls.id, property }));
    for (const name of Object.keys(cls.metadata.properties)) {
      if (!props.has(name)) report(name, '@metadata.properties names a property the class does not have');
    }
    for (const name of cls.metadata.embed) {
      const prop = props.get(name);
      if (prop === undefined) report(name, '@metadata.embed names a property the class does not have');
      else if (!TEXT_RANGES.has(prop.range)) report(name, `@metadata.embed must name text properties, not ${prop.range}`);
    }
    for (const path of Object.keys(cls.metadata.backlinks)) {
      const [head, inner, ...rest] = path.split('.');
      let prop: PropertyDef | undefined = head === undefined ? undefined : props.get(head);
      if (prop !== undefined && inner !== undefined) {
        const sub = getClass(context.model, prop.range);
        prop = sub?.subdocument === true ? allProperties(context.model, sub).find((p) => p.name === inner) : undefined;
      }
      const target = prop === undefined ? undefined : getClass(context.model, prop.range);
      if (prop === undefined || rest.length > 0 || target === undefined || target.subdocument || target.kind !== 'Class') {
        report(path, '@metadata.graphql.backlinks keys must be a property (or subdocument.property) that links to a document class');
      }
    }
  },
});
