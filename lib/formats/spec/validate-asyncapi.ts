import type { Parser } from '@asyncapi/parser'
import { type Problem, problem } from '../../problems'
import type { Spec } from './spec'
import { realPointer } from './spec-refs'
import { asyncapiSpectralRule, specRules } from './spec-rules'
import { locatePointer, type SpecSourceMap } from './spec-source-map'

type Options = { path?: string; sourceMap?: SpecSourceMap | undefined }

/**
 * One parser for the process, created on first use: loading @asyncapi/parser costs ≈ 0.4 s and building its
 * Spectral ruleset more, and the instance keeps no per-document state, so every validation reuses it.
 * Its ref resolver never reads files or the network: external refs are bundled on import (and reported by
 * checkRefs when left), so each external read answers an empty object instead.
 */
let sharedParser: Promise<Parser> | undefined

function offlineResolver(schema: string) {
  return { schema, order: 1, read: () => '{}' }
}

export function loadAsyncApiParser(): Promise<Parser> {
  sharedParser ??= import('@asyncapi/parser').then(
    ({ Parser: AsyncApiParser }) =>
      new AsyncApiParser({
        __unstable: {
          resolver: { cache: false, resolvers: ['file', 'http', 'https'].map(offlineResolver) },
        },
      }),
  )
  return sharedParser
}

const severities = ['error', 'warning', 'info', 'info'] as const

/** Schema messages from Spectral ('"info" property must have required property "version"') → a concrete fix. */
function schemaHint(message: string): string | undefined {
  const required = /must have required property ["']([^"']+)["']/.exec(message)
  if (required) return `Add the required \`${required[1]}\` property here.`
  const extra = /Property ["']([^"']+)["'] is not expected to be here/.exec(message)
  if (extra)
    return `Remove \`${extra[1]}\`, fix its spelling, or rename it to \`x-${extra[1]}\` to make it an extension.`
  if (/allowed values/.test(message)) return 'Use one of the allowed values listed in the message.'
  const type = /must be (string|object|array|number|integer|boolean)/.exec(message)
  if (type)
    return `Change the value to a${type[1] === 'object' || type[1] === 'array' || type[1] === 'integer' ? 'n' : ''} ${type[1]}.`
  return undefined
}

/** Hints for the Spectral rules users meet most; others get a generic one naming the rule. */
const hints: Record<string, string> = {
  'asyncapi-latest-version':
    'Nothing to fix now; move `asyncapi` to the latest 3.x version when your tools support it.',
  'asyncapi-document-resolved': 'Change the value so it matches the AsyncAPI specification for this field.',
  'asyncapi-document-unresolved': 'Change the value so it matches the AsyncAPI specification for this field.',
  'invalid-ref': 'Point the $ref at an existing object (names are case-sensitive) or add the missing component.',
  'asyncapi3-required-operation-channel-unambiguity':
    'Make `channel` a $ref to a channel under the root `channels`, e.g. `$ref: "#/channels/<id>"`.',
  'asyncapi3-required-channel-servers-unambiguity':
    'Make each entry of `servers` a $ref to a server under the root `servers`, e.g. `$ref: "#/servers/<id>"`.',
  'asyncapi3-operation-messages-from-referenced-channel':
    'List only messages of the operation\'s channel: `$ref: "#/channels/<channel id>/messages/<message id>"`.',
  'asyncapi3-channel-no-query-nor-fragment': 'Remove the query (`?…`) or fragment (`#…`) from the channel address.',
  'asyncapi3-channel-parameters': 'Declare every `{parameter}` of the address under `parameters`, and only those.',
  'asyncapi3-schema': 'Make the schema valid for its `schemaFormat`.',
  'asyncapi3-operation-security': 'Reference security schemes defined under `components/securitySchemes`.',
  'asyncapi3-server-security': 'Reference security schemes defined under `components/securitySchemes`.',
  'asyncapi3-message-examples': 'Make each example match the message payload and headers schemas.',
  'asyncapi3-server-variables': 'Declare every `{variable}` of the host/pathname under `variables`, and only those.',
}

/**
 * Validates an AsyncAPI 3.0/3.1 document with @asyncapi/parser's Spectral rules, mapping every diagnostic to a
 * located Problem with rule `asyncapi.spectral.<rule>`. Locations come from our source map (the parser only sees
 * a re-serialized copy, whose ranges mean nothing to the user).
 */
export async function validateAsyncApi(spec: Spec, options: Options): Promise<Problem[]> {
  const located = (pointer: string) => ({
    pointer,
    ...(options.path !== undefined ? { file: options.path } : {}),
    ...(options.sourceMap ? locatePointer(options.sourceMap, pointer) : {}),
  })
  let diagnostics: Awaited<ReturnType<Parser['validate']>>
  try {
    const parser = await loadAsyncApiParser()
    // The parser keeps the input object on its Spectral document; a copy keeps ours out of its caches.
    diagnostics = await parser.validate(structuredClone(spec.document) as Parameters<Parser['validate']>[0])
  } catch (e) {
    return [
      problem({
        severity: 'error',
        ...specRules.asyncapiValidator,
        message: `The AsyncAPI validator failed: ${e instanceof Error ? e.message : String(e)}`,
        hint: 'The document could not be checked; simplify the part named above or report this document.',
        ...located(''),
      }),
    ]
  }
  const seen = new Set<string>()
  const found: { code: string; pointer: string; message: string; severity: number }[] = []
  for (const d of diagnostics) {
    const code = String(d.code)
    const pointer = realPointer(
      spec.document,
      d.path.map((s) => String(s)),
    )
    const key = `${code}\u0000${pointer}\u0000${d.message}`
    if (seen.has(key)) continue
    seen.add(key)
    found.push({ code, pointer, message: d.message, severity: d.severity })
  }
  const out: Problem[] = []
  for (const d of found) {
    // A failed if/then or oneOf says only "must match"; keep it when nothing more precise is reported inside.
    if (/must match "(then|else)" schema|must match exactly one schema/.test(d.message)) {
      const inner = found.some((o) => o !== d && o.pointer.startsWith(`${d.pointer}/`))
      if (inner) continue
    }
    out.push(
      problem({
        severity: severities[d.severity] ?? 'error',
        code: d.severity === 0 ? 'spec-invalid' : 'spec-lint',
        rule: asyncapiSpectralRule(d.code),
        message: d.message,
        hint:
          (d.code.startsWith('asyncapi-document') ? schemaHint(d.message) : undefined) ??
          hints[d.code] ??
          `Fix this per the AsyncAPI ${spec.version} specification (rule ${d.code}).`,
        ...located(d.pointer),
      }),
    )
  }
  return out
}
