import { escapePointerSegment, isRecord, segmentsFromPointer } from './json-pointer'
import type { Spec } from './spec'
import { type DerefCache, derefInternal } from './spec-refs'

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'] as const
export type HttpMethod = (typeof httpMethods)[number]

export type OpenApiParameterIndex = {
  name: string
  in: string
  required: boolean
  /** The parameter's schema (or its first content type's), with a top-level internal $ref followed. */
  schema: unknown
  /** Where the parameter object is (after following its $ref). */
  pointer: string
}
export type OpenApiRequestBodyIndex = { pointer: string; required: boolean; contentTypes: string[]; schema?: unknown }
export type OpenApiResponseIndex = {
  pointer: string
  status: string
  description: string
  contentTypes: string[]
  schema?: unknown
}
export type OpenApiOperationIndex = {
  /** '/paths/~1orders/post' (or '/webhooks/<name>/post'): the anchor of the operation in the document. */
  pointer: string
  method: HttpMethod
  /** The path template, or the webhook name for webhooks. */
  path: string
  operationId?: string
  summary?: string
  tags: string[]
  deprecated: boolean
  /** Path-level parameters merged with the operation's (the operation's win by name + in). */
  parameters: OpenApiParameterIndex[]
  requestBody?: OpenApiRequestBodyIndex
  responses: OpenApiResponseIndex[]
  /** Effective security: the operation's, else the document's. */
  security: Record<string, string[]>[]
}
export type NamedPointer = { name: string; pointer: string }
export type OpenApiIndex = {
  kind: 'openapi'
  version: string
  operations: OpenApiOperationIndex[]
  webhooks: OpenApiOperationIndex[]
  schemas: NamedPointer[]
  securitySchemes: (NamedPointer & { type: string })[]
}

export type AsyncApiMessageRef = { id: string; pointer: string; channel?: string }
export type AsyncApiMessageIndex = {
  id: string
  pointer: string
  name?: string
  title?: string
  contentType?: string
  payload?: unknown
  headers?: unknown
}
export type AsyncApiChannelIndex = {
  id: string
  pointer: string
  address: string | null
  messages: AsyncApiMessageIndex[]
  parameters: string[]
  servers: string[]
}
export type AsyncApiOperationIndex = {
  id: string
  pointer: string
  action: 'send' | 'receive'
  /** Id of the channel under /channels, when the ref points there. */
  channel?: string
  messages: AsyncApiMessageRef[]
  reply?: { channel?: string; messages: AsyncApiMessageRef[] }
  summary?: string
  security: string[]
}
export type AsyncApiIndex = {
  kind: 'asyncapi'
  version: string
  channels: AsyncApiChannelIndex[]
  operations: AsyncApiOperationIndex[]
  schemas: NamedPointer[]
  messages: NamedPointer[]
  securitySchemes: (NamedPointer & { type: string })[]
}

export type SpecIndex = OpenApiIndex | AsyncApiIndex

const seg = escapePointerSegment

/**
 * Ref resolutions memoized for the duration of one synchronous indexSpec call (the same few hundred refs are
 * followed tens of thousands of times in a large spec); dropped when the call returns, so edits never see
 * stale entries.
 */
const callCaches = new WeakMap<object, DerefCache>()

function resolve(doc: unknown, value: unknown, pointer?: string) {
  return derefInternal(doc, value, pointer, typeof doc === 'object' && doc !== null ? callCaches.get(doc) : undefined)
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

function deref(doc: unknown, value: unknown, pointer: string): { value: Record<string, unknown>; pointer: string } {
  const r = resolve(doc, value, pointer)
  return { value: isRecord(r.value) ? r.value : {}, pointer: r.pointer ?? pointer }
}

function named(doc: Record<string, unknown>, section: string): NamedPointer[] {
  const components = isRecord(doc.components) ? doc.components : {}
  const map = components[section]
  return isRecord(map) ? Object.keys(map).map((name) => ({ name, pointer: `/components/${section}/${seg(name)}` })) : []
}

function securitySchemes(doc: Record<string, unknown>): (NamedPointer & { type: string })[] {
  const components = isRecord(doc.components) ? doc.components : {}
  return named(doc, 'securitySchemes').map((n) => {
    const raw = isRecord(components.securitySchemes) ? components.securitySchemes[n.name] : undefined
    return { ...n, type: str(deref(doc, raw, n.pointer).value.type) ?? '' }
  })
}

/** JSON first (what processes map), then the first declared media type. */
function preferredSchema(doc: unknown, content: unknown, pointer: string): { types: string[]; schema?: unknown } {
  if (!isRecord(content)) return { types: [] }
  const types = Object.keys(content)
  const chosen = types.find((t) => /[/+]json\b/i.test(t)) ?? types[0]
  if (chosen === undefined) return { types }
  const media = deref(doc, content[chosen], `${pointer}/${seg(chosen)}`).value
  if (!('schema' in media)) return { types }
  return { types, schema: resolve(doc, media.schema).value }
}

function parameter(doc: unknown, raw: unknown, pointer: string): OpenApiParameterIndex | undefined {
  const { value: p, pointer: at } = deref(doc, raw, pointer)
  const name = str(p.name)
  const location = str(p.in)
  if (name === undefined || location === undefined) return undefined
  const schema = 'schema' in p ? resolve(doc, p.schema).value : preferredSchema(doc, p.content, `${at}/content`).schema
  return { name, in: location, required: location === 'path' ? true : p.required === true, schema, pointer: at }
}

function securityOf(value: unknown): Record<string, string[]>[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value.filter(isRecord).map((req) => {
    const out: Record<string, string[]> = {}
    for (const [k, scopes] of Object.entries(req))
      out[k] = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : []
    return out
  })
}

function indexPathItems(
  doc: Record<string, unknown>,
  section: 'paths' | 'webhooks',
  documentSecurity: Record<string, string[]>[],
  parametersOnly: boolean,
): OpenApiOperationIndex[] {
  const items = doc[section]
  if (!isRecord(items)) return []
  const out: OpenApiOperationIndex[] = []
  for (const path of Object.keys(items)) {
    const { value: item } = deref(doc, items[path], `/${section}/${seg(path)}`)
    const base = `/${section}/${seg(path)}`
    const shared = Array.isArray(item.parameters)
      ? item.parameters.map((p, i) => parameter(doc, p, `${base}/parameters/${i}`))
      : []
    for (const method of httpMethods) {
      const raw = item[method]
      if (!isRecord(raw)) continue
      const pointer = `${base}/${method}`
      const { value: op } = deref(doc, raw, pointer)
      const own = Array.isArray(op.parameters)
        ? op.parameters.map((p, i) => parameter(doc, p, `${pointer}/parameters/${i}`))
        : []
      const byKey = new Map<string, OpenApiParameterIndex>()
      for (const p of [...shared, ...own]) if (p) byKey.set(`${p.in}\u0000${p.name}`, p)
      const entry: OpenApiOperationIndex = {
        pointer,
        method,
        path,
        tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [],
        deprecated: op.deprecated === true,
        parameters: [...byKey.values()],
        responses: [],
        security: securityOf(op.security) ?? documentSecurity,
      }
      const operationId = str(op.operationId)
      if (operationId !== undefined) entry.operationId = operationId
      const summary = str(op.summary)
      if (summary !== undefined) entry.summary = summary
      if (parametersOnly) {
        out.push(entry)
        continue
      }
      if (op.requestBody !== undefined) {
        const rb = deref(doc, op.requestBody, `${pointer}/requestBody`)
        const { types, schema } = preferredSchema(doc, rb.value.content, `${rb.pointer}/content`)
        entry.requestBody = { pointer: rb.pointer, required: rb.value.required === true, contentTypes: types }
        if (schema !== undefined) entry.requestBody.schema = schema
      }
      if (isRecord(op.responses)) {
        for (const status of Object.keys(op.responses)) {
          if (status.startsWith('x-')) continue
          const r = deref(doc, op.responses[status], `${pointer}/responses/${seg(status)}`)
          const { types, schema } = preferredSchema(doc, r.value.content, `${r.pointer}/content`)
          const response: OpenApiResponseIndex = {
            pointer: r.pointer,
            status,
            description: str(r.value.description) ?? '',
            contentTypes: types,
          }
          if (schema !== undefined) response.schema = schema
          entry.responses.push(response)
        }
      }
      out.push(entry)
    }
  }
  return out
}

function indexOpenApi(spec: Spec, doc: Record<string, unknown>, parametersOnly: boolean): OpenApiIndex {
  const documentSecurity = securityOf(doc.security) ?? []
  return {
    kind: 'openapi',
    version: spec.version,
    operations: indexPathItems(doc, 'paths', documentSecurity, parametersOnly),
    webhooks: indexPathItems(doc, 'webhooks', documentSecurity, parametersOnly),
    schemas: named(doc, 'schemas'),
    securitySchemes: securitySchemes(doc),
  }
}

/** '#/channels/a/messages/b' → { channel: 'a', id: 'b' }; '#/components/messages/b' → { id: 'b' }. */
function messageRef(doc: unknown, raw: unknown, fallbackPointer: string): AsyncApiMessageRef | undefined {
  const ref = isRecord(raw) ? str(raw.$ref) : undefined
  const segments = ref !== undefined ? segmentsFromPointer(ref) : undefined
  if (segments === undefined) return undefined
  const pointer = deref(doc, raw, fallbackPointer).pointer
  if (segments[0] === 'channels' && segments[2] === 'messages' && segments.length === 4) {
    return { id: segments[3] as string, channel: segments[1] as string, pointer }
  }
  const last = segments[segments.length - 1]
  return last === undefined ? undefined : { id: last, pointer }
}

function channelRef(raw: unknown): string | undefined {
  const ref = isRecord(raw) ? str(raw.$ref) : undefined
  const segments = ref !== undefined ? segmentsFromPointer(ref) : undefined
  return segments?.[0] === 'channels' && segments.length === 2 ? segments[1] : undefined
}

function refIds(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((v) => {
    const segments = isRecord(v) && typeof v.$ref === 'string' ? segmentsFromPointer(v.$ref) : undefined
    const last = segments?.[segments.length - 1]
    return last === undefined ? [] : [last]
  })
}

function indexAsyncApi(spec: Spec, doc: Record<string, unknown>): AsyncApiIndex {
  const channels: AsyncApiChannelIndex[] = []
  if (isRecord(doc.channels)) {
    for (const id of Object.keys(doc.channels)) {
      const { value: ch, pointer } = deref(doc, doc.channels[id], `/channels/${seg(id)}`)
      const messages: AsyncApiMessageIndex[] = []
      if (isRecord(ch.messages)) {
        for (const mid of Object.keys(ch.messages)) {
          const m = deref(doc, ch.messages[mid], `${pointer}/messages/${seg(mid)}`)
          const entry: AsyncApiMessageIndex = { id: mid, pointer: m.pointer }
          const name = str(m.value.name)
          if (name !== undefined) entry.name = name
          const title = str(m.value.title)
          if (title !== undefined) entry.title = title
          const contentType = str(m.value.contentType) ?? str(doc.defaultContentType)
          if (contentType !== undefined) entry.contentType = contentType
          if (m.value.payload !== undefined) entry.payload = resolve(doc, m.value.payload).value
          if (m.value.headers !== undefined) entry.headers = resolve(doc, m.value.headers).value
          messages.push(entry)
        }
      }
      channels.push({
        id,
        pointer: `/channels/${seg(id)}`,
        address: typeof ch.address === 'string' ? ch.address : null,
        messages,
        parameters: isRecord(ch.parameters) ? Object.keys(ch.parameters) : [],
        servers: refIds(ch.servers),
      })
    }
  }
  const operations: AsyncApiOperationIndex[] = []
  if (isRecord(doc.operations)) {
    for (const id of Object.keys(doc.operations)) {
      const base = `/operations/${seg(id)}`
      const { value: op } = deref(doc, doc.operations[id], base)
      if (op.action !== 'send' && op.action !== 'receive') continue
      const messagesOf = (list: unknown, at: string) =>
        Array.isArray(list)
          ? list.flatMap((m, i) => {
              const r = messageRef(doc, m, `${at}/${i}`)
              return r ? [r] : []
            })
          : []
      const entry: AsyncApiOperationIndex = {
        id,
        pointer: base,
        action: op.action,
        messages: messagesOf(op.messages, `${base}/messages`),
        security: refIds(op.security),
      }
      const channel = channelRef(op.channel)
      if (channel !== undefined) entry.channel = channel
      // AsyncAPI 3: an operation without `messages` carries every message of its channel.
      const ofChannel = (id: string | undefined): AsyncApiMessageRef[] =>
        (channels.find((c) => c.id === id)?.messages ?? []).map((m) => ({
          id: m.id,
          pointer: m.pointer,
          channel: id as string,
        }))
      if (op.messages === undefined) entry.messages = ofChannel(channel)
      const summary = str(op.summary)
      if (summary !== undefined) entry.summary = summary
      if (op.reply !== undefined) {
        const reply = deref(doc, op.reply, `${base}/reply`)
        const replyChannel = channelRef(reply.value.channel)
        entry.reply = {
          messages:
            reply.value.messages === undefined
              ? ofChannel(replyChannel)
              : messagesOf(reply.value.messages, `${reply.pointer}/messages`),
        }
        if (replyChannel !== undefined) entry.reply.channel = replyChannel
      }
      operations.push(entry)
    }
  }
  return {
    kind: 'asyncapi',
    version: spec.version,
    channels,
    operations,
    schemas: named(doc, 'schemas'),
    messages: named(doc, 'messages'),
    securitySchemes: securitySchemes(doc),
  }
}

/**
 * The outline of a spec for cross-file validation and the editor: OpenAPI operations (with merged parameters,
 * request body, responses and effective security) or AsyncAPI 3 channels and operations, plus named components.
 * Internal `$ref`s of the indexed objects are followed (schemas one level: a schema's own nested refs stay as
 * written, see resolveInternalRef). `parametersOnly` leaves OpenAPI request bodies and responses out (empty), for
 * checks that need only the parameters of large documents. Tolerates invalid documents (skips what it cannot read); pure; never throws.
 */
export function indexSpec(spec: Spec, options: { parametersOnly?: boolean } = {}): SpecIndex {
  const doc = isRecord(spec.document) ? spec.document : {}
  callCaches.set(doc, new Map())
  try {
    return spec.kind === 'openapi' ? indexOpenApi(spec, doc, options.parametersOnly === true) : indexAsyncApi(spec, doc)
  } finally {
    callCaches.delete(doc)
  }
}
