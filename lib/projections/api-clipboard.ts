import type { JsonObject, JsonValue } from '../doc'
import { httpMethods, pointerSegment } from './api-canvas'
import { CLIPBOARD_FORMAT as FORMAT } from './clipboard-format'

type ApiType = 'rest' | 'event'
type Point = { x: number; y: number }

/**
 * Elements copied from an API canvas: REST path items or operations, Event channels or operations, as their spec
 * says them, with what they refer to by local `$ref` (component schemas, messages, channels) so a paste into
 * another API — in this project or another — resolves every reference.
 */
export interface SpecElementsPayload {
  format: typeof FORMAT
  kind: 'spec'
  apiType: ApiType
  elements: Array<{
    /** The element's JSON pointer in the source spec (its id on the source canvas). */
    pointer: string
    value: JsonValue
    /** A REST operation: its path item's own `parameters` (path templates need them where the path is new). */
    pathParameters?: JsonValue
  }>
  /** Local refs the elements use and did not copy themselves (transitively): `#/components/schemas/Order` → value. */
  references: Record<string, JsonValue>
  positions: Record<string, Point>
}

export type SpecPastePlan =
  | {
      ok: true
      writes: Array<{ pointer: string; value: JsonValue }>
      created: string[]
      positions: Record<string, Point>
    }
  | { ok: false; message: string }

const isObject = (v: unknown): v is JsonObject => Boolean(v) && typeof v === 'object' && !Array.isArray(v)

function decodeSegments(pointer: string): string[] {
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
}

function at(root: JsonValue | undefined, pointer: string): JsonValue | undefined {
  let value: JsonValue | undefined = root
  for (const segment of decodeSegments(pointer)) {
    if (Array.isArray(value)) value = value[Number(segment)]
    else if (isObject(value) && Object.hasOwn(value, segment)) value = value[segment]
    else return undefined
  }
  return value
}

function localRefs(value: JsonValue | undefined, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) localRefs(v, out)
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) out.add(v)
      else localRefs(v, out)
    }
  }
  return out
}

const within = (pointer: string, base: string) => pointer === base || pointer.startsWith(`${base}/`)

/**
 * What a ref's target belongs to as a whole: a component (`#/components/schemas/Order`), a channel, an operation
 * or a path item. A ref into one (`#/channels/orders/messages/placed`) copies all of it, so it lands complete.
 */
function referenceRoot(ref: string): string {
  const segments = ref.slice(2).split('/')
  const depth =
    segments[0] === 'components' ? 3 : ['channels', 'operations', 'paths'].includes(segments[0] ?? '') ? 2 : 0
  return depth && segments.length >= depth ? `#/${segments.slice(0, depth).join('/')}` : ref
}

/** Copies the selected API-canvas elements (their ids are JSON pointers), or null when none is copyable. */
export function copyApiSelection(input: {
  apiType: ApiType
  spec: JsonObject
  selection: readonly string[]
  positions: Readonly<Record<string, Point>>
}): SpecElementsPayload | null {
  const selected = new Set(input.selection)
  const elements: SpecElementsPayload['elements'] = []
  for (const pointer of input.selection) {
    const segments = decodeSegments(pointer)
    const value = at(input.spec, pointer)
    if (value === undefined) continue
    if (input.apiType === 'rest') {
      if (segments[0] !== 'paths') continue
      if (segments.length === 2) elements.push({ pointer, value })
      else if (segments.length === 3 && httpMethods.includes(segments[2] as never)) {
        const pathPointer = `/paths/${pointerSegment(segments[1] as string)}`
        if (selected.has(pathPointer)) continue // copied with its whole path item
        const parameters = at(input.spec, `${pathPointer}/parameters`)
        elements.push(parameters === undefined ? { pointer, value } : { pointer, value, pathParameters: parameters })
      }
    } else if ((segments[0] === 'channels' || segments[0] === 'operations') && segments.length === 2) {
      elements.push({ pointer, value })
    }
  }
  if (elements.length === 0) return null
  // References, transitively, that point outside what was copied.
  const references: Record<string, JsonValue> = {}
  const pending = [
    ...elements.flatMap((e) => [...localRefs(e.value, new Set()), ...localRefs(e.pathParameters, new Set())]),
  ]
  while (pending.length > 0) {
    const ref = referenceRoot(pending.pop() as string)
    const pointer = ref.slice(1)
    if (references[ref] !== undefined || elements.some((e) => within(pointer, e.pointer))) continue
    const value = at(input.spec, pointer)
    if (value === undefined) continue // a dangling ref stays dangling: the validator says so where it is pasted
    references[ref] = value
    pending.push(...localRefs(value, new Set()))
  }
  const positions: Record<string, Point> = {}
  for (const e of elements) {
    const p = input.positions[e.pointer]
    if (p) positions[e.pointer] = p
  }
  return { format: FORMAT, kind: 'spec', apiType: input.apiType, elements, references, positions }
}

/** The payload if `value` is a well-formed spec-elements clipboard payload, else null. */
export function parseSpecElements(value: JsonObject): SpecElementsPayload | null {
  if (value.format !== FORMAT || value.kind !== 'spec') return null
  if (value.apiType !== 'rest' && value.apiType !== 'event') return null
  if (!Array.isArray(value.elements)) return null
  const elements = value.elements.filter(
    (e): e is JsonObject => isObject(e) && typeof e.pointer === 'string' && e.pointer.startsWith('/') && 'value' in e,
  )
  if (elements.length === 0) return null
  return {
    format: FORMAT,
    kind: 'spec',
    apiType: value.apiType,
    elements: elements.map((e) => ({
      pointer: e.pointer as string,
      value: e.value as JsonValue,
      ...(e.pathParameters === undefined ? {} : { pathParameters: e.pathParameters }),
    })),
    references: isObject(value.references) ? value.references : {},
    positions: (isObject(value.positions) ? value.positions : {}) as Record<string, Point>,
  }
}

const equal = (a: JsonValue | undefined, b: JsonValue | undefined) => JSON.stringify(a) === JSON.stringify(b)

/** `key`, else `key-copy`, `key-copy-2`, … — the first not taken. */
function freeKey(key: string, taken: (candidate: string) => boolean): string {
  if (!taken(key)) return key
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? `${key}-copy` : `${key}-copy-${i}`
    if (!taken(candidate)) return candidate
  }
}

function parentAndKey(pointer: string): { parent: string; key: string } {
  const segments = decodeSegments(pointer)
  const key = segments.pop() as string
  return { parent: segments.length ? `/${segments.map(pointerSegment).join('/')}` : '', key }
}

/** Rewrites every local `$ref` under a renamed pointer (the pointer itself or below it). */
function rewriteRefs(value: JsonValue, renames: ReadonlyMap<string, string>): JsonValue {
  if (renames.size === 0) return value
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, renames))
  if (!isObject(value)) return value
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(value)) {
    let next: JsonValue = rewriteRefs(v, renames)
    if (k === '$ref' && typeof v === 'string') {
      for (const [from, to] of renames) {
        if (v === from || v.startsWith(`${from}/`)) {
          next = to + v.slice(from.length)
          break
        }
      }
    }
    Object.defineProperty(out, k, { value: next, enumerable: true, writable: true, configurable: true })
  }
  return out
}

function operationIds(spec: JsonObject): Set<string> {
  const ids = new Set<string>()
  for (const item of Object.values(isObject(spec.paths) ? spec.paths : {}))
    for (const method of httpMethods) {
      const op = isObject(item) ? item[method] : undefined
      if (isObject(op) && typeof op.operationId === 'string') ids.add(op.operationId)
    }
  return ids
}

/**
 * Plans a paste of copied spec elements into `spec` (an API of type `apiType`): nothing is overwritten — a taken
 * path, method, channel, operation or differing referenced component gets a free `-copy` name and every ref to
 * it follows; an identical component is shared, not duplicated; REST operationIds stay unique. The writes are JSON
 * pointer sets for `setSpecValue`, in order; positions are the source's, offset. Pure.
 */
export function planSpecPaste(
  spec: JsonObject,
  apiType: ApiType,
  payload: SpecElementsPayload,
  offset = 40,
): SpecPastePlan {
  if (payload.apiType !== apiType) {
    const what = payload.apiType === 'rest' ? 'REST (OpenAPI)' : 'Event (AsyncAPI)'
    return { ok: false, message: `These are ${what} elements: paste them on a ${what} API's canvas.` }
  }
  const writes: Array<{ pointer: string; value: JsonValue }> = []
  const planned = new Map<string, JsonValue>()
  const exists = (pointer: string) => planned.has(pointer) || at(spec, pointer) !== undefined
  const valueAt = (pointer: string) => (planned.has(pointer) ? planned.get(pointer) : at(spec, pointer))
  const write = (pointer: string, value: JsonValue) => {
    writes.push({ pointer, value })
    planned.set(pointer, value)
  }
  const renames = new Map<string, string>()
  const free = (pointer: string) => {
    const { parent, key } = parentAndKey(pointer)
    return `${parent}/${pointerSegment(freeKey(key, (k) => exists(`${parent}/${pointerSegment(k)}`)))}`
  }
  // References first: shared when identical, added when absent, renamed when the target's differs.
  const refTargets = new Map<string, string>()
  for (const [ref, value] of Object.entries(payload.references)) {
    const pointer = ref.slice(1)
    const target = !exists(pointer) || equal(valueAt(pointer), value) ? pointer : free(pointer)
    refTargets.set(ref, target)
    if (target !== pointer) renames.set(ref, `#${target}`)
    planned.set(target, value)
  }
  // Elements: the same pointer when free, else a free sibling.
  const elementTargets = payload.elements.map((e) => {
    const segments = decodeSegments(e.pointer)
    let target: string
    if (apiType === 'rest' && segments.length === 3) {
      const [, path = '', method = ''] = segments
      let pathKey = path
      while (exists(`/paths/${pointerSegment(pathKey)}/${method}`))
        pathKey = freeKey(pathKey, (k) => exists(`/paths/${pointerSegment(k)}/${method}`))
      target = `/paths/${pointerSegment(pathKey)}/${method}`
    } else target = free(e.pointer)
    planned.set(target, e.value)
    if (target !== e.pointer) renames.set(`#${e.pointer}`, `#${target}`)
    return target
  })
  for (const [ref, target] of refTargets) {
    if (writes.some((w) => w.pointer === target) || (at(spec, target) !== undefined && renames.get(ref) === undefined))
      continue // shared with an identical one already there
    write(target, rewriteRefs(payload.references[ref] as JsonValue, renames))
  }
  const taken = apiType === 'rest' ? operationIds(spec) : new Set<string>()
  const created: string[] = []
  const positions: Record<string, Point> = {}
  payload.elements.forEach((e, i) => {
    const target = elementTargets[i] as string
    let value = rewriteRefs(e.value, renames)
    const segments = decodeSegments(target)
    if (apiType === 'rest') {
      const operations =
        segments.length === 3 ? [[segments[2] as string, value] as const] : Object.entries(isObject(value) ? value : {})
      const fixed: JsonObject = segments.length === 3 ? {} : { ...(value as JsonObject) }
      for (const [method, op] of operations) {
        if (!httpMethods.includes(method as never) || !isObject(op) || typeof op.operationId !== 'string') continue
        const id = freeKey(op.operationId, (k) => taken.has(k))
        taken.add(id)
        const renamed = id === op.operationId ? op : { ...op, operationId: id }
        if (segments.length === 3) value = renamed
        else fixed[method] = renamed
      }
      if (segments.length !== 3) value = fixed
      const pathPointer = `/paths/${pointerSegment(segments[1] as string)}`
      if (segments.length === 3 && e.pathParameters !== undefined && !exists(pathPointer))
        write(`${pathPointer}/parameters`, rewriteRefs(e.pathParameters, renames))
      created.push(target)
      if (segments.length === 2)
        for (const method of httpMethods)
          if (isObject(value) && isObject(value[method])) created.push(`${target}/${method}`)
    } else created.push(target)
    write(target, value)
    const p = payload.positions[e.pointer]
    if (p) positions[target] = { x: p.x + offset, y: p.y + offset }
  })
  return { ok: true, writes, created, positions }
}
