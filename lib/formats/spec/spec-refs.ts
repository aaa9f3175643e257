import { escapePointerSegment, getAtSegments, isRecord, segmentsFromPointer } from './json-pointer'

/** A `$ref` found in a document: `pointer` is the object that holds the `$ref` key. */
export type SpecRef = { pointer: string; ref: string }

/**
 * Every string `$ref` in the document, in document order. Iterative (deep documents do not overflow the stack);
 * objects reached twice (shared after YAML aliases) are visited once.
 */
export function collectRefs(document: unknown): SpecRef[] {
  const out: SpecRef[] = []
  const seen = new Set<object>()
  const stack: { value: unknown; pointer: string }[] = [{ value: document, pointer: '' }]
  while (stack.length > 0) {
    const { value, pointer } = stack.pop() as { value: unknown; pointer: string }
    if (typeof value !== 'object' || value === null || seen.has(value)) continue
    seen.add(value)
    const children: { value: unknown; pointer: string }[] = []
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) children.push({ value: value[i], pointer: `${pointer}/${i}` })
    } else {
      const record = value as Record<string, unknown>
      for (const key of Object.keys(record)) {
        const child = record[key]
        if (key === '$ref' && typeof child === 'string') out.push({ pointer, ref: child })
        else children.push({ value: child, pointer: `${pointer}/${escapePointerSegment(key)}` })
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as { value: unknown; pointer: string })
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

/** The value an internal ref ('#/components/schemas/X') names, or undefined when it names nothing. */
export function resolveInternalRef(document: unknown, ref: string): unknown {
  if (!isInternalRef(ref)) return undefined
  const segments = segmentsFromPointer(ref)
  return segments === undefined ? undefined : getAtSegments(document, segments)
}

/**
 * Follows a chain of internal refs starting at `value` until a non-ref object; returns it with the pointer it
 * lives at (undefined pointer when `value` itself was no ref). Stops on a cycle or a dangling ref (undefined).
 */
export function derefInternal(
  document: unknown,
  value: unknown,
  pointer?: string,
): { value: unknown; pointer: string | undefined } {
  let current = value
  let at = pointer
  const visited = new Set<string>()
  while (isRecord(current) && typeof current.$ref === 'string') {
    const ref = current.$ref
    if (!isInternalRef(ref) || visited.has(ref)) return { value: undefined, pointer: at }
    visited.add(ref)
    const segments = segmentsFromPointer(ref)
    if (segments === undefined) return { value: undefined, pointer: at }
    current = getAtSegments(document, segments)
    at = segments.map((s) => `/${escapePointerSegment(s)}`).join('')
  }
  return { value: current, pointer: at }
}
