/** Datatypes known to TerminusDB (`src/core/triple/base_type.pl`), contracted. */
export const DATATYPES: ReadonlySet<string> = new Set([
  'xsd:string', 'xsd:boolean', 'xsd:decimal', 'xsd:double', 'xsd:float', 'xsd:time', 'xsd:date',
  'xsd:dateTime', 'xsd:dateTimeStamp', 'xsd:gYear', 'xsd:gMonth', 'xsd:gDay', 'xsd:gYearMonth',
  'xsd:gMonthDay', 'xsd:duration', 'xsd:yearMonthDuration', 'xsd:dayTimeDuration', 'xsd:byte',
  'xsd:short', 'xsd:int', 'xsd:long', 'xsd:unsignedByte', 'xsd:unsignedShort', 'xsd:unsignedInt',
  'xsd:unsignedLong', 'xsd:integer', 'xsd:positiveInteger', 'xsd:nonNegativeInteger',
  'xsd:negativeInteger', 'xsd:nonPositiveInteger', 'xsd:base64Binary', 'xsd:hexBinary', 'xsd:anyURI',
  'xsd:language', 'xsd:normalizedString', 'xsd:token', 'xsd:NMTOKEN', 'xsd:Name', 'xsd:NCName',
  'xsd:NOTATION', 'xsd:QName', 'xsd:ID', 'xsd:IDREF', 'xsd:ENTITY', 'xsd:anySimpleType',
  'rdf:langString', 'rdfs:Literal', 'rdf:PlainLiteral', 'rdf:XMLLiteral',
  'xdd:coordinate', 'xdd:coordinatePolygon', 'xdd:coordinatePolyline', 'xdd:dateRange',
  'xdd:dateTimeInterval', 'xdd:gYearRange', 'xdd:integerRange', 'xdd:decimalRange', 'xdd:json',
  'xdd:url', 'xdd:email', 'xdd:html',
  'sys:JSON',
]);

/** True for a datatype range (including `sys:JSON`, excluding `sys:Unit`). */
export function isDatatype(range: string): boolean {
  return DATATYPES.has(range);
}
