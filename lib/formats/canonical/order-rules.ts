/**
 * The explicit ordering table of canonical printing (DESIGN §4), keyed by schema location
 * (`<schema file>#<JSON pointer to the schema that declares the map or array>`).
 *
 * Maps (objects with an `additionalProperties` schema): `sorted` = keys printed in code-unit order (identifier-keyed
 * maps: order carries no meaning, sorting keeps diffs and merges small); `author` = keys kept in the author's order
 * because the order means something (a transform's fields are evaluated in order, a table's columns are its column
 * order). A map missing here keeps the author's order; a test asserts every map of the schemas is listed.
 *
 * Arrays: only the ones listed are sets and are sorted (`strings`: by value; `by`: by those fields, then by the
 * JSON text of the item). Every other array is a sequence and keeps its order. Nothing is ever de-duplicated:
 * duplicates are a validation problem, not the printer's to drop.
 */
export type MapOrder = 'sorted' | 'author'
export type SetOrder = { kind: 'strings' } | { kind: 'by'; fields: readonly string[] }

export const mapOrder: Readonly<Record<string, MapOrder>> = {
  'manifest.schema.json#/properties/apis': 'sorted',
  'process.schema.json#/$defs/apiOperationTrigger/properties/request': 'sorted',
  'process.schema.json#/$defs/apiOperationTrigger/properties/errors': 'sorted',
  'process.schema.json#/$defs/outputs/properties/errors': 'sorted',
  'process.schema.json#/$defs/nodeMap': 'sorted',
  'process.schema.json#/$defs/transformNode/properties/fields': 'author',
  'process.schema.json#/$defs/columnValues': 'sorted',
  'process.schema.json#/$defs/dbAggregate/properties/aggregates': 'sorted',
  'process.schema.json#/$defs/httpNode/properties/params': 'sorted',
  'process.schema.json#/$defs/httpNode/properties/query': 'sorted',
  'process.schema.json#/$defs/httpNode/properties/headers': 'sorted',
  'database.schema.json#/properties/tables': 'sorted',
  'database.schema.json#/properties/collections': 'sorted',
  'database.schema.json#/$defs/table/properties/columns': 'author',
  'database.schema.json#/$defs/table/properties/indexes': 'sorted',
  'database.schema.json#/$defs/table/properties/constraints': 'sorted',
  'queue.schema.json#/properties/consumers': 'sorted',
  'canvas.schema.json#/properties/canvases': 'sorted',
  'canvas.schema.json#/$defs/layout/properties/positions': 'sorted',
  'canvas.schema.json#/$defs/layout/properties/groups': 'sorted',
}

export const setArrays: Readonly<Record<string, SetOrder>> = {
  'database.schema.json#/properties/capabilities': { kind: 'strings' },
  'queue.schema.json#/properties/producers': { kind: 'strings' },
  'process.schema.json#/$defs/edgeList': { kind: 'by', fields: ['from', 'port', 'to'] },
  'common.schema.json#/$defs/retrier/properties/errors': { kind: 'strings' },
  'common.schema.json#/$defs/catchRoute/properties/errors': { kind: 'strings' },
  'canvas.schema.json#/$defs/layout/properties/groups/additionalProperties/properties/members': { kind: 'strings' },
}

/** Schema locations whose values are embedded JSON Schemas: printed verbatim, in the author's order. */
export const verbatimLocations: ReadonlySet<string> = new Set(['common.schema.json#/$defs/jsonSchema'])
