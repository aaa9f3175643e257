import { convert as convertAsyncApi } from '@asyncapi/converter'
import { upgradeFromTwoToThree } from '@scalar/openapi-upgrader/2.0-to-3.0'
import { type Problem, problem } from '../../problems'
import { isRecord, setOwn } from './json-pointer'
import { isSupportedSpecVersion, type Spec } from './spec'
import { specRules } from './spec-rules'
import { locatePointer, type SpecSourceMap } from './spec-source-map'

/** What a conversion did, for the import report (`backplane add-api` prints it). */
export type ConversionReport = { converted: true; from: string; to: string; notes: string[] }

export type ConvertSpecResult =
  | { spec: Spec; report: ConversionReport; problems: Problem[] }
  | { spec?: undefined; report?: undefined; problems: Problem[] }

/** True for versions convertSpec turns into a supported one: Swagger 2.0, AsyncAPI 1.x/2.x. */
export function isConvertibleSpecVersion(spec: Pick<Spec, 'kind' | 'version'>): boolean {
  return spec.kind === 'openapi' ? spec.version === '2.0' : /^[12]\.\d+\.\d+(-rc\d+)?$/.test(spec.version)
}

const openApiTopLevelOrder = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'paths',
  'webhooks',
  'components',
  'security',
  'tags',
  'externalDocs',
]

/** The upgrader appends `openapi`/`servers`/`components` last; put them where an author would (known fields in
 * specification order, then extensions in their original order). */
function orderOpenApiTopLevel(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of openApiTopLevelOrder) if (Object.hasOwn(doc, key)) setOwn(out, key, doc[key])
  for (const key of Object.keys(doc)) if (!Object.hasOwn(out, key)) setOwn(out, key, doc[key])
  return out
}

/**
 * The upgrader writes `required: []` into the form schemas it builds from formData parameters; OpenAPI 3.0
 * requires at least one item, so the converted document would not validate. Removes them; returns how many.
 */
function dropEmptyRequired(value: unknown): number {
  let removed = 0
  const stack: unknown[] = [value]
  const seen = new Set<object>()
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node !== 'object' || node === null || seen.has(node)) continue
    seen.add(node)
    if (Array.isArray(node)) {
      stack.push(...node)
      continue
    }
    const record = node as Record<string, unknown>
    if (Array.isArray(record.required) && record.required.length === 0 && isRecord(record.properties)) {
      delete record.required
      removed++
    }
    stack.push(...Object.values(record))
  }
  return removed
}

function count(value: unknown): number {
  return isRecord(value) ? Object.keys(value).length : Array.isArray(value) ? value.length : 0
}

function swaggerNotes(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const notes = [`swagger "2.0" → openapi "${String(after.openapi)}"`]
  const servers = Array.isArray(after.servers) ? after.servers : []
  if (before.host !== undefined || before.basePath !== undefined || before.schemes !== undefined) {
    const urls = servers.map((s) => (isRecord(s) ? String(s.url) : '')).filter(Boolean)
    notes.push(`host/basePath/schemes → servers: ${urls.join(', ') || '(none)'}`)
  }
  const sections: [string, string][] = [
    ['definitions', 'schemas'],
    ['parameters', 'parameters'],
    ['responses', 'responses'],
    ['securityDefinitions', 'securitySchemes'],
  ]
  for (const [from, to] of sections) {
    const n = count(before[from])
    if (n > 0) notes.push(`${from} (${n}) → components/${to}; $refs to #/${from}/… rewritten to #/components/${to}/…`)
  }
  let bodies = 0
  let forms = 0
  const paths = isRecord(before.paths) ? before.paths : {}
  for (const item of Object.values(paths)) {
    if (!isRecord(item)) continue
    for (const op of Object.values(item)) {
      if (!isRecord(op) || !Array.isArray(op.parameters)) continue
      if (op.parameters.some((p) => isRecord(p) && p.in === 'body')) bodies++
      if (op.parameters.some((p) => isRecord(p) && p.in === 'formData')) forms++
    }
  }
  if (bodies > 0) notes.push(`${bodies} body parameter(s) → requestBody, one content entry per consumed media type`)
  if (forms > 0) notes.push(`${forms} operation(s) with formData parameters → requestBody with a form schema`)
  if (before.produces !== undefined || before.consumes !== undefined)
    notes.push('produces/consumes → content media types of each request body and response')
  notes.push('parameter type/format/items → schema; top-level keys put in OpenAPI order (openapi first)')
  return notes
}

function asyncApiNotes(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const notes = [`asyncapi "${String(before.asyncapi)}" → "${String(after.asyncapi)}"`]
  let ops = 0
  const channels = isRecord(before.channels) ? before.channels : {}
  for (const ch of Object.values(channels)) {
    if (isRecord(ch)) ops += (ch.publish ? 1 : 0) + (ch.subscribe ? 1 : 0)
  }
  notes.push(
    `${count(before.channels)} channel(s): the channel key became \`address\`; messages moved into channels.<id>.messages`,
  )
  notes.push(
    `${ops} publish/subscribe operation(s) → ${count(after.operations)} root operation(s): publish → receive, subscribe → send (the application's point of view)`,
  )
  if (count(before.servers) > 0) notes.push(`${count(before.servers)} server(s): url → host + pathname`)
  notes.push('operation ids come from operationId, else "<channel>.<publish|subscribe>"')
  return notes
}

/**
 * Converts Swagger 2.0 → OpenAPI 3.0 (@scalar/openapi-upgrader) and AsyncAPI 1.x/2.x → 3.0 (@asyncapi/converter,
 * from the application's point of view), returning the new spec in the same serialization and a report of what
 * changed. A conversion that fails or does not yield a supported version is refused with a problem: never a
 * half-converted spec. The input document is not mutated. Pure.
 */
export function convertSpec(
  spec: Spec,
  options: { path: string; sourceMap?: SpecSourceMap | undefined },
): ConvertSpecResult {
  const located = (pointer: string) => ({
    file: options.path,
    pointer,
    ...(options.sourceMap ? locatePointer(options.sourceMap, pointer) : {}),
  })
  const refuse = (detail: string): ConvertSpecResult => ({
    problems: [
      problem({
        severity: 'error',
        ...specRules.conversionFailed,
        message: `Could not convert ${spec.kind === 'openapi' ? 'Swagger' : 'AsyncAPI'} ${spec.version}: ${detail}`,
        hint:
          spec.kind === 'openapi'
            ? 'Fix the Swagger 2.0 document so it validates, or convert it to OpenAPI 3 with another tool (e.g. swagger2openapi) and import the result.'
            : 'Fix the AsyncAPI 2 document so it validates, or convert it with `asyncapi convert <file> -t 3.0.0` (AsyncAPI CLI) and import the result.',
        ...located(''),
      }),
    ],
  })
  const before = spec.document
  if (!isRecord(before)) return refuse('the document is not an object')
  if (!isConvertibleSpecVersion(spec)) return refuse('no converter exists for this version')
  let after: unknown
  let emptyRequired = 0
  try {
    if (spec.kind === 'openapi') {
      after = upgradeFromTwoToThree(structuredClone(before))
      if (isRecord(after)) after = orderOpenApiTopLevel(after)
      emptyRequired = dropEmptyRequired(after)
    } else {
      after = convertAsyncApi(structuredClone(before) as { asyncapi: string }, '3.0.0', {
        v2tov3: { pointOfView: 'application' },
      })
    }
  } catch (e) {
    return refuse(e instanceof Error ? e.message : String(e))
  }
  const field = spec.kind === 'openapi' ? 'openapi' : 'asyncapi'
  const to = isRecord(after) ? after[field] : undefined
  if (!isRecord(after) || typeof to !== 'string' || !isSupportedSpecVersion(spec.kind, to)) {
    return refuse(`the converter produced no ${field} 3 document`)
  }
  const notes = spec.kind === 'openapi' ? swaggerNotes(before, after) : asyncApiNotes(before, after)
  if (emptyRequired > 0) notes.push(`${emptyRequired} empty \`required\` list(s) left by the upgrader removed`)
  return {
    spec: { kind: spec.kind, version: to, serialization: spec.serialization, document: after },
    report: { converted: true, from: spec.version, to, notes },
    problems: [],
  }
}
