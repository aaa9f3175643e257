import { isPlainObject, joinPointer } from '../pointer'
import { type FormatKind, schemaFileOf } from '../schemas'
import { mapOrder } from './order-rules'
import { type SchemaLocation, shapeOf } from './schema-shape'

/**
 * Where key order is content rather than layout, in a value of our format: `verbatim` = embedded JSON Schemas
 * (inputs, outputs, messages, collections, response schemas), `authorMaps` = maps printed in the author's order
 * (a transform's fields, a table's columns).
 */
export function orderSensitivePointers(
  format: FormatKind,
  value: unknown,
): { verbatim: string[]; authorMaps: string[] } {
  const verbatim: string[] = []
  const authorMaps: string[] = []
  const walk = (v: unknown, loc: SchemaLocation | undefined, pointer: string) => {
    if (loc === undefined) return
    const shape = shapeOf(loc, v)
    if (shape.verbatim) {
      verbatim.push(pointer)
      return
    }
    if (Array.isArray(v)) {
      const itemLoc = shape.items?.item
      if (itemLoc) for (let i = 0; i < v.length; i++) walk(v[i], itemLoc, joinPointer(pointer, i))
    } else if (isPlainObject(v)) {
      if (shape.additional && mapOrder[shape.additional.owner] === 'author') authorMaps.push(pointer)
      for (const [k, child] of Object.entries(v)) {
        walk(child, shape.properties.get(k) ?? shape.additional?.item, joinPointer(pointer, k))
      }
    }
  }
  walk(value, `${schemaFileOf[format]}#`, '')
  return { verbatim, authorMaps }
}

/** Pointers of every embedded JSON Schema in a value of our format. */
export function embeddedSchemaPointers(format: FormatKind, value: unknown): string[] {
  return orderSensitivePointers(format, value).verbatim
}
