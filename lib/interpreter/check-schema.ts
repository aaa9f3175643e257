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
