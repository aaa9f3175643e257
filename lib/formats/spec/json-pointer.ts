/** RFC 6901 JSON pointers: '' is the whole document, '/a/b~1c' is ['a', 'b/c']. Pure. */

export function escapePointerSegment(segment: string | number): string {
  const s = String(segment)
  // Fast path: almost no key needs escaping, and this runs for every node of large documents.
  return s.includes('~') || s.includes('/') ? s.replaceAll('~', '~0').replaceAll('/', '~1') : s
}

export function pointerFromSegments(segments: readonly (string | number)[]): string {
  let out = ''
  for (const s of segments) out += `/${escapePointerSegment(s)}`
  return out
}

/**
 * Splits a pointer into unescaped segments. Accepts a URI fragment form too ('#/a/b%20c'), as found in `$ref`s.
 * Returns undefined for text that is not a pointer (does not start with '/').
 */
export function segmentsFromPointer(pointer: string): string[] | undefined {
  let p = pointer
  if (p.startsWith('#')) {
    if (!p.includes('%')) p = p.slice(1)
    else
      try {
        p = decodeURIComponent(p.slice(1))
      } catch {
        return undefined
      }
  }
  if (p === '') return []
  if (!p.startsWith('/')) return undefined
  const parts = p.slice(1).split('/')
  return p.includes('~') ? parts.map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~')) : parts
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The value at `segments` inside `root`, or undefined when any step is missing. Own properties only. */
export function getAtSegments(root: unknown, segments: readonly string[]): unknown {
  let node: unknown = root
  for (const seg of segments) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(seg)) return undefined
      node = node[Number(seg)]
    } else if (isRecord(node)) {
      if (!Object.hasOwn(node, seg)) return undefined
      node = node[seg]
    } else {
      return undefined
    }
  }
  return node
}

export function getAtPointer(root: unknown, pointer: string): unknown {
  const segments = segmentsFromPointer(pointer)
  return segments === undefined ? undefined : getAtSegments(root, segments)
}

/** Sets an own property, including keys such as `__proto__` that plain assignment would treat specially. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
}
