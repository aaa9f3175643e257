import { escapePointerSegment, getAtSegments, isRecord, segmentsFromPointer } from './json-pointer'

/** A `$ref` found in a document: `pointer` is the object that holds the `$ref` key. */
export type SpecRef = { pointer: string; ref: string }

/**
 * Every string `$ref` in the document, in document order. Objects reached twice (shared after YAML aliases) are
 * visited once; `mayShare: false` (a document straight from JSON.parse, or a structured clone of one) skips that
 * bookkeeping. Nesting deeper than 1500 levels is not searched.
 */
export function collectRefs(document: unknown, options: { mayShare?: boolean } = {}): SpecRef[] {
  const out: SpecRef[] = []
  // One shared path, and no pointer string unless a $ref is found: a 13 MB document has millions of nodes and
  // ~10k refs. Shared objects only come from YAML aliases; visiting each once also ends alias cycles. JSON.parse
  // output shares nothing, and skipping the identity set halves the walk there. Recursion (faster than an
  // explicit stack in V8) stops at a depth no real spec reaches.
  const seen = (options.mayShare ?? true) ? new Set<object>() : undefined
  const path: string[] = []
  const visit = (value: object, depth: number): void => {
    if (depth > maxDepth) return
    if (seen !== undefined) {
      if (seen.has(value)) return
      seen.add(value)
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i]
        if (typeof child === 'object' && child !== null) {
          path.push(String(i))
          visit(child, depth + 1)
          path.pop()
        }
      }
      return
    }
    const record = value as Record<string, unknown>
    const ref = record.$ref
    if (typeof ref === 'string' && Object.hasOwn(record, '$ref')) {
      let pointer = ''
      for (const seg of path) pointer += `/${escapePointerSegment(seg)}`
      out.push({ pointer, ref })
    }
    for (const key of Object.keys(record)) {
      const child = record[key]
      if (typeof child === 'object' && child !== null) {
        path.push(key)
        visit(child, depth + 1)
        path.pop()
      }
    }
  }
  if (typeof document === 'object' && document !== null) visit(document, 0)
  return out
}

/** Deeper than any real spec; bounds recursion on pathological input. */
const maxDepth = 1500

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
