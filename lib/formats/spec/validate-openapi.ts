import { validate } from '@scalar/openapi-parser'
import { type Problem, problem } from '../../problems'
import { indexSpec, type SpecIndex } from './index-spec'
import { isRecord, segmentsFromPointer } from './json-pointer'
import type { Spec } from './spec'
import type { SpecRef } from './spec-refs'
import { specRules } from './spec-rules'
import { locatePointer, type SpecSourceMap } from './spec-source-map'

type Options = { path?: string; sourceMap?: SpecSourceMap | undefined; index?: SpecIndex | undefined }

/** Summary errors of JSON Schema combinators: noise when a more precise error lies at or below the same place. */
const summaryMessage = /^must match (exactly one schema in oneOf|a schema in anyOf|"then" schema|"else" schema)$/

function humanPath(pointer: string): string {
  const segments = segmentsFromPointer(pointer) ?? []
  return segments.length === 0 ? 'the document' : segments.join(' › ')
}

/** Allowed values of the enum fields people get wrong most (Scalar's messages do not list them). */
const allowedValues: [RegExp, string][] = [
  [/\/parameters\/\d+\/in$/, 'query, header, path, cookie'],
  [/\/parameters\/[^/]+\/in$/, 'query, header, path, cookie'],
  [/\/parameters\/[^/]+\/style$/, 'matrix, label, form, simple, spaceDelimited, pipeDelimited, deepObject'],
  [/\/securitySchemes\/[^/]+\/type$/, 'apiKey, http, mutualTLS (3.1+), oauth2, openIdConnect'],
  [/\/securitySchemes\/[^/]+\/in$/, 'query, header, cookie'],
  [/\/type$/, 'string, number, integer, boolean, array, object (and "null" from 3.1)'],
]

function hintFor(message: string, version: string, pointer: string): string {
  const required = /required property '([^']+)'/.exec(message)
  if (required) return `Add the required \`${required[1]}\` property here.`
  const extra = /(?:Property|property) ['"]?([^'" ]+)['"]? is not expected|must NOT have additional properties/.exec(
    message,
  )
  if (extra) {
    return extra[1]
      ? `Remove \`${extra[1]}\`, fix its spelling, or rename it to \`x-${extra[1]}\` to make it an extension.`
      : 'Remove the unknown property or prefix it with `x-` to make it an extension.'
  }
  if (/one of the properties/.test(message)) return 'Add one of the properties named (only one).'
  if (/allowed values/.test(message)) {
    const known = allowedValues.find(([pattern]) => pattern.test(pointer))
    if (known) return `Use one of: ${known[1]}.`
  }
  if (/allowed values/.test(message)) return `Use one of the values OpenAPI ${version} allows for this field.`
  if (/must be (string|object|array|number|integer|boolean)/.test(message)) return 'Change the value to the type shown.'
  if (summaryMessage.test(message)) return `Make this object match one of the shapes OpenAPI ${version} allows here.`
  return `Make this match the OpenAPI ${version} specification.`
}

function located(pointer: string, options: Options) {
  return {
    pointer,
    ...(options.path !== undefined ? { file: options.path } : {}),
    ...(options.sourceMap ? locatePointer(options.sourceMap, pointer) : {}),
  }
}

/**
 * @scalar/openapi-parser prints a stack trace to console.error whenever its error prettifier fails (it does for
 * every enum error) and then falls back to plain Ajv errors. The CLI must never show a stack trace for bad input,
 * so console.error is silenced for the duration of the call, which runs synchronously inside validate().
 */
async function scalarValidate(document: Record<string, unknown>) {
  const original = console.error
  console.error = () => {}
  let pending: ReturnType<typeof validate>
  try {
    pending = validate(document)
  } finally {
    console.error = original
  }
  return pending
}

/** The path-template rule Scalar's validate() leaves out: `{name}` in a path ⇔ a path parameter `name`. */
function pathParameterProblems(spec: Spec, options: Options): Problem[] {
  // A full index has the same parameters as a parameters-only one; reuse the caller's when it has one.
  const index = options.index ?? indexSpec(spec, { parametersOnly: true })
  if (index.kind !== 'openapi') return []
  const out: Problem[] = []
  for (const op of index.operations) {
    const templated = new Set([...op.path.matchAll(/\{([^}/]+)\}/g)].map((m) => m[1] as string))
    const declared = new Set(op.parameters.filter((p) => p.in === 'path').map((p) => p.name))
    for (const name of templated) {
      if (!declared.has(name)) {
        out.push(
          problem({
            severity: 'error',
            ...specRules.openapiPathParameter,
            message: `${op.method.toUpperCase()} ${op.path}: path parameter "${name}" is in the path but not declared.`,
            hint: `Add \`{ name: ${name}, in: path, required: true, schema: { type: string } }\` to the operation's or the path's parameters.`,
            ...located(op.pointer, options),
          }),
        )
      }
    }
    for (const p of op.parameters) {
      if (p.in === 'path' && !templated.has(p.name)) {
        out.push(
          problem({
            severity: 'error',
            ...specRules.openapiPathParameter,
            message: `${op.method.toUpperCase()} ${op.path}: path parameter "${p.name}" is declared but the path has no {${p.name}}.`,
            hint: `Add {${p.name}} to the path, or change \`in\` to query/header/cookie, or remove the parameter.`,
            ...located(p.pointer, options),
          }),
        )
      }
    }
  }
  return out
}

/**
 * Validates an OpenAPI 3.0/3.1/3.2 document with @scalar/openapi-parser and maps every error to a located
 * Problem (`openapi.schema`, `openapi.ref`, `openapi.path-parameter`). Reference problems come from checkRefs.
 * Never mutates the document (Scalar writes a default info.version into its input, so it gets a shallow copy).
 */
export async function validateOpenApi(spec: Spec, options: Options, refs: readonly SpecRef[]): Promise<Problem[]> {
  const doc = spec.document
  if (!isRecord(doc)) return []
  const problems: Problem[] = []
  const info = doc.info
  if (isRecord(info) && !Object.hasOwn(info, 'version')) {
    problems.push(
      problem({
        severity: 'error',
        ...specRules.openapiSchema,
        message: "info: must have required property 'version'",
        hint: 'Add the required `version` property (the version of this API, e.g. "1.0.0").',
        ...located('/info', options),
      }),
    )
  }
  const copy: Record<string, unknown> = { ...doc }
  if (isRecord(info)) copy.info = { ...info }
  let result: Awaited<ReturnType<typeof validate>>
  try {
    result = await scalarValidate(copy)
  } catch (e) {
    return [
      ...problems,
      problem({
        severity: 'error',
        ...specRules.openapiValidator,
        message: `The OpenAPI validator failed: ${e instanceof Error ? e.message : String(e)}`,
        hint: 'The document could not be checked; simplify the part named above or report this document.',
        ...located('', options),
      }),
    ]
  }
  const errors = result.errors ?? []
  const schemaErrors: { pointer: string; message: string }[] = []
  for (const e of errors) {
    const code = e.code ?? ''
    if (/REFERENCE/.test(code)) {
      // Dangling and external refs are reported by checkRefs with their exact place; self-references are not.
      if (code !== 'SELF_REFERENCE') continue
      const target = /reference: (.*)$/.exec(e.message)?.[1]
      const holder = refs.find((r) => r.ref === target)
      problems.push(
        problem({
          severity: 'error',
          ...specRules.openapiRef,
          message: e.message,
          hint: 'A $ref must not point at itself (directly or through other refs); point it at the real definition.',
          ...located(holder ? `${holder.pointer}/$ref` : '', options),
        }),
      )
      continue
    }
    const rawPath: unknown = e.path
    const pointer = typeof rawPath === 'string' ? rawPath : Array.isArray(rawPath) ? `/${rawPath.join('/')}` : ''
    schemaErrors.push({ pointer: pointer === '/' ? '' : pointer, message: e.message })
  }
  // Alternatives of a oneOf/anyOf each report their own required property ("schema", then "content" for a
  // parameter); under a failed combinator they are one problem: "needs one of".
  const merged = new Set<{ pointer: string; message: string }>()
  for (const e of schemaErrors) {
    if (merged.has(e) || !summaryMessage.test(e.message)) continue
    const alternatives = schemaErrors.filter(
      (o) => o.pointer === e.pointer && /^must have required property/.test(o.message),
    )
    if (alternatives.length < 2) continue
    const names = alternatives.map((o) => /'([^']+)'/.exec(o.message)?.[1] ?? '?')
    for (const o of alternatives) merged.add(o)
    const message = `must have one of the properties ${names.map((n) => `'${n}'`).join(', ')}`
    schemaErrors.push({ pointer: e.pointer, message })
  }
  // In 3.0 most objects are oneOf [Object, Reference]: the Reference alternative's "must have required property
  // '$ref'" only says the object is not a ref, and is noise next to the real error at or below it.
  const refNoise = /^must have required property '\$ref'$/
  for (const e of schemaErrors) {
    if (!refNoise.test(e.message)) continue
    const other = schemaErrors.some(
      (o) =>
        !refNoise.test(o.message) &&
        !summaryMessage.test(o.message) &&
        (o.pointer === e.pointer || o.pointer.startsWith(`${e.pointer}/`)),
    )
    if (other) merged.add(e)
  }
  for (const e of schemaErrors) {
    if (merged.has(e)) continue
    if (summaryMessage.test(e.message)) {
      const more = schemaErrors.some(
        (o) =>
          o !== e &&
          !summaryMessage.test(o.message) &&
          (o.pointer === e.pointer || o.pointer.startsWith(`${e.pointer}/`)),
      )
      if (more) continue
    }
    problems.push(
      problem({
        severity: 'error',
        ...specRules.openapiSchema,
        message: `${humanPath(e.pointer)}: ${e.message}`,
        hint: hintFor(e.message, spec.version, e.pointer),
        ...located(e.pointer, options),
      }),
    )
  }
  if (schemaErrors.length === 0) problems.push(...pathParameterProblems(spec, options))
  return problems
}
