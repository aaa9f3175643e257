import { isPlainObject } from '../pointer'
import { type FormatKind, schemaFileOf } from '../schemas'
import { mapOrder, type SetOrder, setArrays } from './order-rules'
import { type SchemaLocation, shapeOf } from './schema-shape'

/**
 * The canonical bytes of one of our JSON files (DESIGN §4): LF, 2-space indent, trailing newline; our own keys in
 * schema order (walking $ref, allOf, if/then/else and the oneOf branch the value is in); identifier-keyed maps and
 * set-like arrays ordered by the table in order-rules.ts; embedded JSON Schemas verbatim in the author's order;
 * keys the schema does not know (invalid input) kept, after the known ones, in the author's order — never dropped.
 *
 * Pure: same input, same string. Accepts any value (even an invalid one); `undefined` members are skipped and
 * non-finite numbers print as null, as JSON.stringify does.
 */
export function printCanonicalJson(format: FormatKind, value: unknown): string {
  return `${printValue(value, `${schemaFileOf[format]}#`, '')}\n`
}

/** Author-order JSON with our layout (what embedded JSON Schemas and unknown content print as). */
export function printPlainJson(value: unknown): string {
  return `${printValue(value, undefined, '')}\n`
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function printScalar(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null'
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value)
  return 'null'
}

function printValue(value: unknown, loc: SchemaLocation | undefined, indent: string): string {
  if (Array.isArray(value)) return printArray(value, loc, indent)
  if (isPlainObject(value)) return printObject(value, loc, indent)
  return printScalar(value)
}

function printObject(value: Record<string, unknown>, loc: SchemaLocation | undefined, indent: string): string {
  const shape = shapeOf(loc, value)
  const keys = Object.keys(value).filter((k) => value[k] !== undefined)
  const entries: [string, SchemaLocation | undefined][] = []
  if (shape.verbatim || loc === undefined) {
    for (const k of keys) entries.push([k, undefined])
  } else {
    const present = new Set(keys)
    for (const [k, childLoc] of shape.properties) if (present.has(k)) entries.push([k, childLoc])
    const rest = keys.filter((k) => !shape.properties.has(k))
    if (shape.additional) {
      const order = mapOrder[shape.additional.owner] ?? 'author'
      if (order === 'sorted') rest.sort(compareStrings)
      for (const k of rest) entries.push([k, shape.additional.item])
    } else for (const k of rest) entries.push([k, undefined])
  }
  if (entries.length === 0) return '{}'
  const inner = `${indent}  `
  const lines = entries.map(([k, childLoc]) => `${inner}${JSON.stringify(k)}: ${printValue(value[k], childLoc, inner)}`)
  return `{\n${lines.join(',\n')}\n${indent}}`
}

function sortSet(items: unknown[], order: SetOrder): unknown[] {
  const keyed = items.map((item) => {
    const text = printValue(item, undefined, '')
    if (order.kind === 'strings') return { item, keys: [typeof item === 'string' ? item : `\uffff${text}`] }
    const fields = order.fields.map((f) => {
      const v = isPlainObject(item) ? item[f] : undefined
      return typeof v === 'string' ? v : `\uffff${printValue(v, undefined, '')}`
    })
    return { item, keys: [...fields, text] }
  })
  keyed.sort((a, b) => {
    for (let i = 0; i < a.keys.length; i++) {
      const c = compareStrings(a.keys[i]!, b.keys[i] ?? '')
      if (c !== 0) return c
    }
    return 0
  })
  return keyed.map((k) => k.item)
}

function printArray(value: unknown[], loc: SchemaLocation | undefined, indent: string): string {
  if (value.length === 0) return '[]'
  const shape = loc === undefined ? undefined : shapeOf(loc, value)
  let items = value
  let itemLoc: SchemaLocation | undefined
  if (shape && !shape.verbatim && shape.items) {
    itemLoc = shape.items.item
    const order = setArrays[shape.items.owner]
    if (order) items = sortSet(value, order)
  }
  const inner = `${indent}  `
  const lines = items.map((item) => `${inner}${printValue(item, itemLoc, inner)}`)
  return `[\n${lines.join(',\n')}\n${indent}]`
}
