import { lowerFirst, upperFirst } from '../graphql/names.js';
import { allProperties, classes, getClass, isDocumentClass } from './queries.js';
import type { ClassDef, OntologyModel, PropertyDef } from './types.js';

/** A property (or a path through one subdocument) of a document class that points at a document class. */
export interface Backlink {
  /** The class pointed at; the backlink field is added to its type. */
  readonly target: ClassDef;
  /** The document class that declares the first property of the path. */
  readonly source: ClassDef;
  /** Property names from the source document to the link (one, or two through a subdocument). */
  readonly path: readonly string[];
  /** The last property of the path (the link itself). */
  readonly link: PropertyDef;
  /** Name of the field on the target type (`@metadata.graphql.backlinks` or `<path>Of<Source>`). */
  readonly fieldName: string;
}

function defaultName(path: readonly string[], source: ClassDef): string {
  const head = path.map((p, i) => (i === 0 ? lowerFirst(p) : upperFirst(p))).join('');
  return `${head}Of${source.id}`.replace(/[^_A-Za-z0-9]/g, '_');
}

/**
 * Every backlink of the ontology, in source order: for each property of a document class that points at a
 * document class, and for each link inside a subdocument (or tagged union) held by a document class.
 * Inherited properties are reported once, for the class that declares them.
 */
export function backlinks(model: OntologyModel): Backlink[] {
  const out: Backlink[] = [];
  for (const source of classes(model)) {
    if (!isDocumentClass(source)) continue;
    for (const prop of source.properties) {
      const range = model.documents.get(prop.range);
      const add = (path: string[], link: PropertyDef, target: ClassDef): void => {
        const fieldName = source.metadata.backlinks[path.join('.')] ?? defaultName(path, source);
        out.push({ target, source, path, link, fieldName });
      };
      const sub = getClass(model, prop.range);
      if (isDocumentClass(range)) add([prop.name], prop, range);
      else if (sub?.subdocument === true) {
        for (const inner of allProperties(model, sub)) {
          const target = model.documents.get(inner.range);
          if (isDocumentClass(target)) add([prop.name, inner.name], inner, target);
        }
      }
    }
  }
  return out;
}
