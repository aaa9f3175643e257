import { isPlainObject, joinPointer } from '../pointer'
import { type FormatKind, schemaFileOf } from '../schemas'
import { type SchemaLocation, shapeOf } from './schema-shape'

/** Pointers of every embedded JSON Schema in a value of our format (inputs, outputs, messages, collections…). */
export function embeddedSchemaPointers(format: FormatKind, value: unknown): string[] {
  const out: string[] = []
  const walk = (v: unknown, loc: SchemaLocation | undefined, pointer: string) => {
    if (loc === undefined) return
    const shape = shapeOf(loc, v)
    if (shape.verbatim) {
      out.push(pointer)
      return
    }
    if (Array.isArray(v)) {
      const itemLoc = shape.items?.item
      if (itemLoc) for (let i = 0; i < v.length; i++) walk(v[i], itemLoc, joinPointer(pointer, i))
    } else if (isPlainObject(v)) {
      for (const [k, child] of Object.entries(v)) {
        walk(child, shape.properties.get(k) ?? shape.additional?.item, joinPointer(pointer, k))
      }
    }
  }
  walk(value, `${schemaFileOf[format]}#`, '')
  return out
}
