/** An embedded JSON Schema (draft 2020-12) as found in our files: an object or a boolean. */
export type JsonSchema = boolean | { readonly [key: string]: unknown }

type SchemaObject = { readonly [key: string]: unknown }

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Follows local `$ref`s (`#/...`) against `root`; anything else stays as is (unknown, so never a warning). */
function deref(schema: unknown, root: unknown, depth = 0): unknown {
  if (!isObject(schema) || typeof schema.$ref !== 'string' || depth > 32) return schema
  const ref = schema.$ref
  if (!ref.startsWith('#')) return undefined
  let node: unknown = root
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const seg = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~')
    node = isObject(node) ? node[seg] : undefined
  }
  return deref(node, root, depth + 1)
}

function isArraySchema(s: SchemaObject): boolean {
  return s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')) || 'items' in s
}

export type FieldLookup =
  | { kind: 'found'; schema: unknown }
  /** The schema does not say (no properties, a boolean, an external ref…): no warning. */
  | { kind: 'unknown' }
  | { kind: 'missing'; available: string[] }

/**
 * What a JSONata step `.field` gives when applied to a value of `schema` (`root` resolves local refs). Arrays map
 * the step over their items, as JSONata does. Pure; never throws.
 */
export function lookupField(schema: unknown, root: unknown, field: string, depth = 0): FieldLookup {
  const s = deref(schema, root)
  if (!isObject(s) || depth > 16) return { kind: 'unknown' }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = s[key]
    if (Array.isArray(branches) && branches.length > 0) {
      const results = branches.map((b) => lookupField(b, root, field, depth + 1))
      const found = results.find((r) => r.kind === 'found')
      if (found) return found
      if (results.some((r) => r.kind === 'unknown') && !isObject(s.properties)) return { kind: 'unknown' }
      const available = new Set<string>()
      for (const r of results) if (r.kind === 'missing') for (const a of r.available) available.add(a)
      if (!isObject(s.properties)) return { kind: 'missing', available: [...available] }
      for (const a of Object.keys(s.properties)) available.add(a)
      if (Object.hasOwn(s.properties, field)) return { kind: 'found', schema: s.properties[field] }
      return { kind: 'missing', available: [...available] }
    }
  }
  if (isArraySchema(s) && !isObject(s.properties)) {
    return 'items' in s ? lookupField(s.items, root, field, depth + 1) : { kind: 'unknown' }
  }
  const props = s.properties
  if (!isObject(props)) return { kind: 'unknown' }
  if (Object.hasOwn(props, field)) return { kind: 'found', schema: props[field] }
  const patterns = s.patternProperties
  if (isObject(patterns)) {
    for (const [pattern, sub] of Object.entries(patterns)) {
      try {
        // Patterns come from the author's schema; a bad one just means "cannot tell".
        if (new RegExp(pattern, 'u').test(field)) return { kind: 'found', schema: sub }
      } catch {
        return { kind: 'unknown' }
      }
    }
  }
  if (isObject(s.additionalProperties)) return { kind: 'found', schema: s.additionalProperties }
  return { kind: 'missing', available: Object.keys(props) }
}

export type SchemaField = { name: string; description?: string; type?: string }

/** The named fields a value of `schema` has (for completion), in the author's order. Pure. */
export function listFields(schema: unknown, root: unknown, depth = 0): SchemaField[] {
  const s = deref(schema, root)
  if (!isObject(s) || depth > 16) return []
  const out: SchemaField[] = []
  const seen = new Set<string>()
  const add = (fields: SchemaField[]) => {
    for (const f of fields) {
      if (!seen.has(f.name)) {
        seen.add(f.name)
        out.push(f)
      }
    }
  }
  if (isObject(s.properties)) {
    add(
      Object.entries(s.properties).map(([name, sub]) => {
        const d = deref(sub, root)
        const field: SchemaField = { name }
        if (isObject(d) && typeof d.description === 'string') field.description = d.description
        if (isObject(d) && typeof d.type === 'string') field.type = d.type
        return field
      }),
    )
  } else if (isArraySchema(s) && 'items' in s) {
    add(listFields(s.items, root, depth + 1))
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = s[key]
    if (Array.isArray(branches)) for (const b of branches) add(listFields(b, root, depth + 1))
  }
  return out
}
