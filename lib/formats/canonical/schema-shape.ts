import { isPlainObject } from '../pointer'
import { type SchemaDocument, schemaFiles } from '../schemas'

/** A place in our schemas: `<schema file>#<JSON pointer>`, e.g. `process.schema.json#/$defs/nodeMap`. */
export type SchemaLocation = string

/** What the schemas say about one value, for printing: its known keys in schema order, and where children go. */
export type Shape = {
  verbatim: boolean
  /** Known properties in schema order → their schema location. */
  properties: Map<string, SchemaLocation>
  /** Location of the `additionalProperties` schema and of the schema declaring it (the map's key in the table). */
  additional?: { item: SchemaLocation; owner: SchemaLocation }
  items?: { item: SchemaLocation; owner: SchemaLocation }
}

function splitLocation(loc: SchemaLocation): { file: string; pointer: string } {
  const i = loc.indexOf('#')
  return { file: loc.slice(0, i), pointer: loc.slice(i + 1) }
}

/** The schema object at a location; undefined when the location names nothing. */
export function schemaAt(loc: SchemaLocation): SchemaDocument | undefined {
  const { file, pointer } = splitLocation(loc)
  let node: unknown = schemaFiles[file]
  if (pointer !== '') {
    for (const raw of pointer.slice(1).split('/')) {
      const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~')
      if (Array.isArray(node)) node = node[Number(seg)]
      else if (isPlainObject(node)) node = node[seg]
      else return undefined
    }
  }
  return isPlainObject(node) ? node : undefined
}

function esc(seg: string): string {
  return seg.replaceAll('~', '~0').replaceAll('/', '~1')
}

/** Resolves a `$ref` written at `from` (our refs: `#/…` or `<file>#/…`). */
export function resolveRef(from: SchemaLocation, ref: string): SchemaLocation {
  const { file } = splitLocation(from)
  if (ref.startsWith('#')) return `${file}${ref}`
  const i = ref.indexOf('#')
  return i < 0 ? `${ref}#` : `${ref.slice(0, i)}#${ref.slice(i + 1)}`
}

/** Follows a chain of pure `$ref`s to the schema that has content. */
function deref(loc: SchemaLocation, seen = new Set<string>()): SchemaLocation {
  const node = schemaAt(loc)
  if (node && typeof node.$ref === 'string' && !seen.has(loc)) {
    seen.add(loc)
    return deref(resolveRef(loc, node.$ref), seen)
  }
  return loc
}

/** Allowed values a branch fixes for a property (`const` or `enum`), used to pick the oneOf branch a value is in. */
function discriminators(loc: SchemaLocation): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>()
  const node = schemaAt(deref(loc))
  const props = node && isPlainObject(node.properties) ? node.properties : {}
  for (const [key, raw] of Object.entries(props)) {
    if (!isPlainObject(raw)) continue
    if ('const' in raw) out.set(key, [raw.const])
    else if (Array.isArray(raw.enum)) out.set(key, raw.enum)
  }
  return out
}

function requiredOf(loc: SchemaLocation): string[] {
  const node = schemaAt(deref(loc))
  return node && Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === 'string') : []
}

/**
 * Index of the oneOf/anyOf branch `value` belongs to: a branch is out when a property it fixes (const/enum, e.g.
 * `kind`, `op`) has another value; among the rest, one that fixes a matching property wins, then one whose required
 * properties are all present. undefined when no branch fits (invalid input).
 */
export function pickBranch(branches: readonly SchemaLocation[], value: unknown): number | undefined {
  if (!isPlainObject(value)) return undefined
  let best: { index: number; score: number } | undefined
  branches.forEach((branch, index) => {
    let score = 0
    for (const [key, allowed] of discriminators(branch)) {
      if (!Object.hasOwn(value, key)) continue
      if (!allowed.some((a) => a === value[key])) return
      score += 2
    }
    if (requiredOf(branch).every((r) => Object.hasOwn(value, r))) score += 1
    if (score > 0 && (best === undefined || score > best.score)) best = { index, score }
  })
  return best?.index
}

/** The printing shape of `value` at schema location `loc`: follows $ref, allOf, if/then/else and the oneOf branch. */
export function shapeOf(loc: SchemaLocation | undefined, value: unknown): Shape {
  const shape: Shape = { verbatim: false, properties: new Map() }
  if (loc !== undefined) collect(loc, value, shape, new Set())
  return shape
}

const verbatimDef = 'common.schema.json#/$defs/jsonSchema'

function collect(loc: SchemaLocation, value: unknown, shape: Shape, seen: Set<string>): void {
  if (seen.has(loc)) return
  seen.add(loc)
  if (loc === verbatimDef) {
    shape.verbatim = true
    return
  }
  const node = schemaAt(loc)
  if (!node) return
  if (typeof node.$ref === 'string') collect(resolveRef(loc, node.$ref), value, shape, seen)
  if (isPlainObject(node.properties)) {
    for (const key of Object.keys(node.properties)) {
      if (!shape.properties.has(key)) shape.properties.set(key, `${loc}/properties/${esc(key)}`)
    }
  }
  if (isPlainObject(node.additionalProperties) && !shape.additional) {
    shape.additional = { item: `${loc}/additionalProperties`, owner: loc }
  }
  if (isPlainObject(node.items) && !shape.items) shape.items = { item: `${loc}/items`, owner: loc }
  for (const word of ['allOf'] as const) {
    const list = node[word]
    if (Array.isArray(list)) for (let i = 0; i < list.length; i++) collect(`${loc}/${word}/${i}`, value, shape, seen)
  }
  // Conditionals only restate properties already listed; both branches are walked so order never depends on data.
  for (const word of ['then', 'else'] as const)
    if (isPlainObject(node[word])) collect(`${loc}/${word}`, value, shape, seen)
  for (const word of ['oneOf', 'anyOf'] as const) {
    const list = node[word]
    if (!Array.isArray(list)) continue
    const branches = list.map((_, i) => `${loc}/${word}/${i}`)
    const chosen = pickBranch(branches, value)
    if (chosen !== undefined) collect(branches[chosen]!, value, shape, seen)
    else for (const b of branches) collect(b, value, shape, seen)
  }
}
