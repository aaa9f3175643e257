import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import { isPlainObject } from '../pointer'
import { type FormatKind, schemaFileOf, schemaFiles } from '../schemas'

const baseId = 'https://backplane.dev/schemas/'

/** Compiled validators of our formats plus the schema-object → location index used to explain errors. */
export type FormatAjv = {
  ajv: Ajv2020
  validatorOf(kind: FormatKind): ValidateFunction
  /** Validator of one subschema, by location (`process.schema.json#/$defs/computeNode`). */
  validatorAt(location: string): ValidateFunction | undefined
  /** Location of a schema object of ours (ajv's `parentSchema` with verbose errors). */
  locationOf(schema: unknown): string | undefined
  /** Validates an embedded JSON Schema against the draft 2020-12 meta-schema. */
  validateEmbeddedSchema(schema: unknown): ErrorObject[]
}

function indexLocations(): Map<unknown, string> {
  const out = new Map<unknown, string>()
  const walk = (node: unknown, loc: string) => {
    if (node === null || typeof node !== 'object') return
    if (!out.has(node)) out.set(node, loc)
    for (const [k, v] of Object.entries(node)) walk(v, `${loc}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`)
  }
  for (const [file, schema] of Object.entries(schemaFiles)) walk(schema, `${file}#`)
  return out
}

let cached: FormatAjv | undefined

/**
 * The one ajv (draft 2020-12, allErrors, verbose for locations) for our formats. Compiling costs ≈ 0.5 s, so it is
 * built on first use and kept: a cache of compiled code from constant schemas, not state (same result every call).
 * Strict mode stays on for unknown keywords; strictTypes/strictRequired are off because if/then blocks
 * legitimately name properties without restating `type: object`.
 */
export function formatAjv(): FormatAjv {
  if (cached) return cached
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    validateFormats: false,
  })
  for (const s of Object.values(schemaFiles)) ajv.addSchema(s)
  const locations = indexLocations()
  const byKind = new Map<FormatKind, ValidateFunction>()
  const byLocation = new Map<string, ValidateFunction | undefined>()
  const meta = new Ajv2020({ allErrors: true, strict: false, validateFormats: false })
  const instance: FormatAjv = {
    ajv,
    validatorOf(kind) {
      let v = byKind.get(kind)
      if (!v) {
        v = ajv.getSchema(`${baseId}${schemaFileOf[kind]}`)
        if (!v) throw new Error(`schema ${schemaFileOf[kind]} did not compile`)
        byKind.set(kind, v)
      }
      return v
    },
    validatorAt(location) {
      if (!byLocation.has(location)) {
        const [file, pointer] = location.split('#')
        byLocation.set(location, ajv.getSchema(`${baseId}${file}#${pointer ?? ''}`))
      }
      return byLocation.get(location)
    },
    locationOf: (schema) => locations.get(schema),
    validateEmbeddedSchema(schema) {
      if (!isPlainObject(schema)) return []
      const ok = meta.validateSchema(schema)
      return ok ? [] : [...(meta.errors ?? [])]
    },
  }
  cached = instance
  return instance
}
