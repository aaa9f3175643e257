import { escapePointerSegment, getAtSegments, isRecord, segmentsFromPointer } from './json-pointer'

/** A `$ref` found in a document: `pointer` is the object that holds the `$ref` key. */
export type SpecRef = { pointer: string; ref: string }

/**
 * Every string `$ref` in the document, in document order. Iterative (deep documents do not overflow the stack);
 * objects reached twice (shared after YAML aliases) are visited once. `mayShare: false` (a document straight
 * from JSON.parse, or a structured clone of one) skips that bookkeeping.
 */
export function collectRefs(document: unknown, options: { mayShare?: boolean } = {}): SpecRef[] {
  const mayShare = options.mayShare ?? true
  const out: SpecRef[] = []
  // Explicit stack of (value, depth, key) in parallel arrays and one shared path: no pointer string is built
  // unless a $ref is found (a 13 MB document has millions of nodes and ~10k refs).
  const values: unknown[] = [document]
  const depths: number[] = [0]
  const keys: string[] = ['']
  const path: string[] = []
  const seen = mayShare ? new Set<object>() : undefined
  while (values.length > 0) {
    const value = values.pop()
    const depth = depths.pop() as number
    const key = keys.pop() as string
    if (typeof value !== 'object' || value === null) continue
    // Shared objects only come from YAML aliases; visiting each once also ends alias cycles. JSON.parse output
    // shares nothing, and skipping the set halves the walk on large JSON documents.
    if (seen !== undefined) {
      if (seen.has(value)) continue
      seen.add(value)
    } else if (depth > 10_000) continue
    path.length = Math.max(depth - 1, 0)
    if (depth > 0) path.push(key)
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        values.push(value[i])
        depths.push(depth + 1)
        keys.push(String(i))
      }
      continue
    }
    const record = value as Record<string, unknown>
    const own = Object.keys(record)
    for (let i = own.length - 1; i >= 0; i--) {
      const k = own[i] as string
      const child = record[k]
      if (k === '$ref' && typeof child === 'string') continue
      if (typeof child === 'object' && child !== null) {
        values.push(child)
        depths.push(depth + 1)
        keys.push(k)
      }
    }
    if (typeof record.$ref === 'string' && Object.hasOwn(record, '$ref')) {
      let pointer = ''
      for (const seg of path) pointer += `/${escapePointerSegment(seg)}`
      out.push({ pointer, ref: record.$ref })
    }
  }
  return out
}

export function isInternalRef(ref: string): boolean {
  return ref.startsWith('#')
}

export function isRemoteRef(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^file:/i.test(ref)
}

/** Splits 'file.yaml#/a/b' into its file part and its fragment ('' when absent). */
export function splitRef(ref: string): { file: string; fragment: string } {
  const hash = ref.indexOf('#')
  return hash === -1 ? { file: ref, fragment: '' } : { file: ref.slice(0, hash), fragment: ref.slice(hash + 1) }
}

/**
 * Walks `segments` from the root, following internal `$ref`s met on the way ('#/channels/a/messages/m' where
 * channel `a` is itself a `$ref` to components), as Spectral and the AsyncAPI parser do. Returns the value and
 * the pointer where it really lives, or undefined when a step names nothing (or refs loop).
 */
function walkFollowingRefs(
  document: unknown,
  segments: readonly string[],
  depth = 0,
): { value: unknown; pointer: string } | undefined {
  if (depth > 32) return undefined
  let node: unknown = document
  let pointer = ''
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string
    for (let hops = 0; isRecord(node) && typeof node.$ref === 'string' && !Object.hasOwn(node, seg); hops++) {
      if (hops > 32) return undefined
      const target = isInternalRef(node.$ref) ? segmentsFromPointer(node.$ref) : undefined
      const hop = target === undefined ? undefined : walkFollowingRefs(document, target, depth + 1)
      if (hop === undefined) return undefined
      node = hop.value
      pointer = hop.pointer
    }
    const next = getAtSegments(node, [seg])
    if (next === undefined) return undefined
    node = next
    pointer += `/${escapePointerSegment(seg)}`
  }
  return { value: node, pointer }
}

/** The value an internal ref ('#/components/schemas/X') names, or undefined when it names nothing. */
export function resolveInternalRef(document: unknown, ref: string): unknown {
  if (!isInternalRef(ref)) return undefined
  const segments = segmentsFromPointer(ref)
  return segments === undefined ? undefined : walkFollowingRefs(document, segments)?.value
}

/**
 * Follows a chain of internal refs starting at `value` until a non-ref object; returns it with the pointer it
 * lives at (undefined pointer when `value` itself was no ref). Stops on a cycle or a dangling ref (undefined).
 */
export type DerefCache = Map<string, { value: unknown; pointer: string } | undefined>

export function derefInternal(
  document: unknown,
  value: unknown,
  pointer?: string,
  cache?: DerefCache,
): { value: unknown; pointer: string | undefined } {
  let current = value
  let at = pointer
  const visited = new Set<string>()
  while (isRecord(current) && typeof current.$ref === 'string') {
    const ref = current.$ref
    if (!isInternalRef(ref) || visited.has(ref)) return { value: undefined, pointer: at }
    visited.add(ref)
    let found = cache?.get(ref)
    if (found === undefined && !cache?.has(ref)) {
      const segments = segmentsFromPointer(ref)
      found = segments === undefined ? undefined : walkFollowingRefs(document, segments)
      cache?.set(ref, found)
    }
    if (found === undefined) return { value: undefined, pointer: at }
    current = found.value
    at = found.pointer
  }
  return { value: current, pointer: at }
}

/**
 * The pointer where the thing at `segments` really is when the path runs through `$ref`s (validators report
 * paths in the resolved document: '/operations/x/channel/bindings' for what lives at
 * '/channels/c/bindings'). Steps that name nothing are appended as written.
 */
export function realPointer(document: unknown, segments: readonly string[]): string {
  for (let n = segments.length; n > 0; n--) {
    const found = walkFollowingRefs(document, segments.slice(0, n))
    if (found !== undefined) {
      const rest = segments.slice(n).map((s) => `/${escapePointerSegment(s)}`)
      return found.pointer + rest.join('')
    }
  }
  return segments.map((s) => `/${escapePointerSegment(s)}`).join('')
}
