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

// The schemas are constants, so what is derived from a location is memoized (printing walks them per object).
const discriminatorCache = new Map<SchemaLocation, Map<string, unknown[]>>()
const requiredCache = new Map<SchemaLocation, string[]>()

/** Allowed values a branch fixes for a property (`const` or `enum`), used to pick the oneOf branch a value is in. */
function discriminators(loc: SchemaLocation): Map<string, unknown[]> {
  const cached = discriminatorCache.get(loc)
  if (cached) return cached
  const out = new Map<string, unknown[]>()
  discriminatorCache.set(loc, out)
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
  const cached = requiredCache.get(loc)
  if (cached) return cached
  const node = schemaAt(deref(loc))
  const out =
    node && Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === 'string') : []
  requiredCache.set(loc, out)
  return out
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

type ShapeCacheEntry = { fixed?: Shape; byValue: Map<string, Shape> }
const shapeCache = new Map<SchemaLocation, ShapeCacheEntry>()

let discriminatorKeys: Set<string> | undefined

/** Every property name some oneOf/anyOf branch of our schemas fixes with const/enum (kind, op, from, …). */
function allDiscriminatorKeys(): Set<string> {
  if (discriminatorKeys) return discriminatorKeys
  const out = new Set<string>()
  const walk = (node: unknown, loc: SchemaLocation) => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) walk(node[i], `${loc}/${i}`)
      return
    }
    if (!isPlainObject(node)) return
    for (const word of ['oneOf', 'anyOf']) {
      const list = node[word]
      if (Array.isArray(list))
        for (let i = 0; i < list.length; i++) for (const k of discriminators(`${loc}/${word}/${i}`).keys()) out.add(k)
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${loc}/${esc(k)}`)
  }
  for (const [file, schema] of Object.entries(schemaFiles)) walk(schema, `${file}#`)
  discriminatorKeys = out
  return out
}

/**
 * Everything of `value` a branch choice reads (pickBranch): which keys it has, and the values of the
 * discriminating keys. Two values with the same key get the same shape, exactly.
 */
function valueKey(value: unknown): string {
  if (!isPlainObject(value)) return Array.isArray(value) ? '[]' : typeof value
  const fixed = allDiscriminatorKeys()
  return Object.keys(value)
    .sort()
    .map((k) => (fixed.has(k) ? `${k}=${JSON.stringify(value[k]) ?? 'undefined'}` : k))
    .join('\u0000')
}

/**
 * The printing shape of `value` at schema location `loc`: follows $ref, allOf, if/then/else and the oneOf branch.
 * Memoized: a shape that met no oneOf is the same for every value; others are keyed by the value's keys and
 * primitive values, the only things a branch choice reads. Shapes are shared: callers must not change them.
 */
export function shapeOf(loc: SchemaLocation | undefined, value: unknown): Shape {
  if (loc === undefined) return { verbatim: false, properties: new Map() }
  let entry = shapeCache.get(loc)
  if (entry?.fixed) return entry.fixed
  const key = entry ? valueKey(value) : undefined
  const hit = key === undefined ? undefined : entry?.byValue.get(key)
  if (hit) return hit
  const shape: Shape = { verbatim: false, properties: new Map() }
  const state = { chose: false }
  collect(loc, value, shape, new Set(), state)
  if (!entry) {
    entry = { byValue: new Map() }
    shapeCache.set(loc, entry)
  }
  if (!state.chose) entry.fixed = shape
  else if (entry.byValue.size < 10_000) entry.byValue.set(key ?? valueKey(value), shape)
  return shape
}

const verbatimDef = 'common.schema.json#/$defs/jsonSchema'

function collect(
  loc: SchemaLocation,
  value: unknown,
  shape: Shape,
  seen: Set<string>,
  state: { chose: boolean },
): void {
  if (seen.has(loc)) return
  seen.add(loc)
  if (loc === verbatimDef) {
    shape.verbatim = true
    return
  }
  const node = schemaAt(loc)
  if (!node) return
  if (typeof node.$ref === 'string') collect(resolveRef(loc, node.$ref), value, shape, seen, state)
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
    if (Array.isArray(list))
      for (let i = 0; i < list.length; i++) collect(`${loc}/${word}/${i}`, value, shape, seen, state)
  }
  // Conditionals only restate properties already listed; both branches are walked so order never depends on data.
  for (const word of ['then', 'else'] as const)
    if (isPlainObject(node[word])) collect(`${loc}/${word}`, value, shape, seen, state)
  for (const word of ['oneOf', 'anyOf'] as const) {
    const list = node[word]
    if (!Array.isArray(list)) continue
    state.chose = true
    const branches = list.map((_, i) => `${loc}/${word}/${i}`)
    const chosen = pickBranch(branches, value)
    if (chosen !== undefined) collect(branches[chosen]!, value, shape, seen, state)
    else for (const b of branches) collect(b, value, shape, seen, state)
  }
}
