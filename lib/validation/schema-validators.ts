import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import commonSchema from '../../schemas/common.schema.json'
import databaseSchema from '../../schemas/database.schema.json'
import manifestSchema from '../../schemas/manifest.schema.json'
import processSchema from '../../schemas/process.schema.json'
import queueSchema from '../../schemas/queue.schema.json'

export type OurFormat = 'manifest' | 'process' | 'database' | 'queue'

export type SchemaError = { pointer: string; message: string }

export type SchemaValidators = Record<OurFormat, (value: unknown) => SchemaError[]>

const schemaOf: Record<OurFormat, object> = {
  manifest: manifestSchema,
  process: processSchema,
  database: databaseSchema,
  queue: queueSchema,
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'required':
      return `the property "${String(p.missingProperty)}" is required`
    case 'additionalProperties':
      return `the property "${String(p.additionalProperty)}" is not allowed here`
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    default:
      return e.message ?? e.keyword
  }
}

/**
 * Keeps the errors a person can act on: ajv reports every failed branch of a oneOf / if-then; the errors at the
 * deepest instance path say what is wrong, the branch summaries only that something is.
 */
function simplify(errors: readonly ErrorObject[]): SchemaError[] {
  const concrete = errors.filter((e) => !['oneOf', 'anyOf', 'if', 'not', 'allOf'].includes(e.keyword))
  const pool = concrete.length > 0 ? concrete : [...errors]
  const out: SchemaError[] = []
  const seen = new Set<string>()
  for (const e of pool) {
    const pointer =
      e.keyword === 'additionalProperties'
        ? `${e.instancePath}/${String((e.params as Record<string, unknown>).additionalProperty)}`
        : e.instancePath
    const message = describe(e)
    const key = `${pointer}\u0000${message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ pointer, message })
  }
  // Inside a oneOf, errors of the branch that got furthest are the useful ones.
  const depth = (p: string) => p.split('/').length
  const deepest = Math.max(...out.map((e) => depth(e.pointer)))
  return out.filter((e) => depth(e.pointer) >= deepest - 1).slice(0, 20)
}

/**
 * ajv validators for our formats (draft 2020-12, formats on). Interim adapter until lib/formats exports its
 * per-file validator; compiled once per call site (no module singleton in lib/).
 */
export function createSchemaValidators(): SchemaValidators {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats(ajv)
  ajv.addSchema(commonSchema)
  const compiled = {} as Record<OurFormat, ValidateFunction>
  for (const [format, schema] of Object.entries(schemaOf) as [OurFormat, object][]) {
    compiled[format] = ajv.compile(schema)
  }
  const run = (format: OurFormat) => (value: unknown) => {
    const validate = compiled[format]
    return validate(value) ? [] : simplify(validate.errors ?? [])
  }
  return { manifest: run('manifest'), process: run('process'), database: run('database'), queue: run('queue') }
}
