import type { ValidateFunction } from 'ajv/dist/2020'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import type { JsonSchema } from './process-types'

// One compiler for all embedded schemas; validators are cached by the schema's JSON text (schemas are data, and the
// same schema compiles to the same validator, so sharing across runs keeps the workflow deterministic).
let ajv: Ajv2020 | undefined
const validators = new Map<string, ValidateFunction>()
// Definitions are immutable objects shared by every step: look them up by identity before hashing their text.
const byObject = new WeakMap<object, ValidateFunction>()

function compiler(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false })
    addFormats(ajv)
  }
  return ajv
}

/**
 * Checks a value against an embedded JSON Schema (draft 2020-12). Returns '' when it matches, else one line saying
 * where and why (`/total: must be number`). Pure; never throws on a value.
 */
export function checkSchema(schema: JsonSchema, value: unknown): string {
  if (schema === true) return ''
  if (schema === false) return 'the schema accepts no value'
  const simple = typeOnly(schema)
  if (simple !== undefined) return simple(value === undefined ? null : value)
  let validate = byObject.get(schema)
  const key = validate ? '' : JSON.stringify(schema)
  validate ??= validators.get(key)
  if (!validate) {
    try {
      validate = compiler().compile(schema)
    } catch (error) {
      return `the declared schema does not compile: ${error instanceof Error ? error.message : String(error)}`
    }
    validators.set(key, validate)
  }
  byObject.set(schema, validate)
  if (validate(value === undefined ? null : value)) return ''
  const first = validate.errors?.[0]
  return first ? `${first.instancePath || '/'}: ${first.message ?? 'does not match'}` : 'does not match'
}

const annotations = new Set(['type', 'title', 'description', '$comment', 'examples'])
const typeChecks: Record<string, (v: unknown) => boolean> = {
  null: (v) => v === null,
  boolean: (v) => typeof v === 'boolean',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => Number.isInteger(v),
  string: (v) => typeof v === 'string',
  array: (v) => Array.isArray(v),
  object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
}
const simpleChecks = new WeakMap<object, ((value: unknown) => string) | null>()

/**
 * A check without ajv for the most common embedded schemas — only `type` (plus annotations): compiling an ajv
 * validator costs milliseconds, and a workflow may have to compile its schemas again after a worker restart.
 */
function typeOnly(schema: { [keyword: string]: unknown }): ((value: unknown) => string) | undefined {
  const cached = simpleChecks.get(schema)
  if (cached !== undefined) return cached ?? undefined
  let check: ((value: unknown) => string) | null = null
  const keys = Object.keys(schema)
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  if (
    keys.every((k) => annotations.has(k)) &&
    keys.includes('type') &&
    types.every((t) => typeof t === 'string' && t in typeChecks)
  ) {
    const checks = types.map((t) => typeChecks[t as string] as (v: unknown) => boolean)
    const expected = types.join(' or ')
    check = (value) => (checks.some((c) => c(value)) ? '' : `/: must be ${expected}`)
  }
  simpleChecks.set(schema, check)
  return check ?? undefined
}
