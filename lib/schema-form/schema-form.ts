/**
 * A run's input form from a process's declared input JSON Schema: the fields to show (name, kind, required,
 * enum, nested object fields) and a first value that has every required field. Pure; the editor renders it and
 * the run request is validated by the server against the same schema. Anything the form cannot express (arrays,
 * `oneOf`, `$ref`…) is a `json` field edited as raw JSON — never dropped.
 */

export type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  enum?: unknown[]
  const?: unknown
  default?: unknown
  description?: string
  title?: string
  [key: string]: unknown
}

export type FormField =
  | { kind: 'string' | 'number' | 'integer' | 'boolean'; name: string; required: boolean; description?: string }
  | { kind: 'enum'; name: string; required: boolean; options: unknown[]; description?: string }
  | { kind: 'object'; name: string; required: boolean; fields: FormField[]; description?: string }
  | { kind: 'json'; name: string; required: boolean; description?: string }

const scalarKinds = new Set(['string', 'number', 'integer', 'boolean'])

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
}

/** The field for one property. */
export function fieldOf(name: string, schema: JsonSchema, required: boolean): FormField {
  const description = schema.description ?? schema.title
  const base = { name, required, ...(description ? { description } : {}) }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return { ...base, kind: 'enum', options: schema.enum }
  const type = typeOf(schema)
  if (type === 'object' && schema.properties) return { ...base, kind: 'object', fields: fieldsOf(schema) }
  if (type && scalarKinds.has(type)) return { ...base, kind: type as 'string' }
  return { ...base, kind: 'json' }
}

/** The fields of an object schema, in declaration order; undefined when the schema is not an object with properties. */
export function fieldsOf(schema: JsonSchema): FormField[] {
  const required = new Set(schema.required ?? [])
  return Object.entries(schema.properties ?? {}).map(([name, s]) => fieldOf(name, s, required.has(name)))
}

/** Whether the form can show this schema as fields (else: raw JSON only). */
export function hasForm(schema: JsonSchema): boolean {
  return typeOf(schema) === 'object' && schema.properties !== undefined
}

/** A first value: defaults where declared, else an empty value of the type for required fields only. */
export function initialValue(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default
  if (schema.const !== undefined) return schema.const
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0]
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {}
      const required = new Set(schema.required ?? [])
      for (const [name, s] of Object.entries(schema.properties ?? {})) {
        if (required.has(name) || s.default !== undefined) out[name] = initialValue(s)
      }
      return out
    }
    case 'array':
      return []
    case 'string':
      return ''
    case 'number':
    case 'integer':
      return 0
    case 'boolean':
      return false
    default:
      return null
  }
}

/**
 * Reads what a person typed into a field as the field's type. Returns `{ error }` naming the field when the text
 * is not one (a number field with letters, raw JSON that does not parse); an empty optional field is `undefined`
 * (left out of the input).
 */
export function parseField(
  field: FormField,
  text: string,
): { value: unknown } | { value?: undefined; error: string } | { value: undefined } {
  if (text === '' && !field.required && field.kind !== 'string') return { value: undefined }
  switch (field.kind) {
    case 'string':
      return { value: text }
    case 'number':
    case 'integer': {
      const n = Number(text)
      if (text.trim() === '' || Number.isNaN(n)) return { error: `${field.name}: “${text}” is not a number` }
      if (field.kind === 'integer' && !Number.isInteger(n))
        return { error: `${field.name}: “${text}” is not a whole number` }
      return { value: n }
    }
    case 'boolean':
      return { value: text === 'true' }
    case 'enum': {
      const option = field.options.find((o) => String(o) === text)
      return option === undefined ? { error: `${field.name}: “${text}” is not one of the options` } : { value: option }
    }
    default:
      try {
        return { value: JSON.parse(text) }
      } catch (e) {
        return { error: `${field.name}: not JSON (${e instanceof Error ? e.message : String(e)})` }
      }
  }
}

/** The text a field shows for a value (the inverse of parseField). */
export function fieldText(field: FormField, value: unknown): string {
  if (value === undefined) return ''
  if (field.kind === 'json' || field.kind === 'object') return JSON.stringify(value, null, 2)
  return String(value)
}
