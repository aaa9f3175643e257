/** RFC 6901 JSON pointers ('' = the whole value). Pure. */

export function escapeSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1')
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  let out = base
  for (const s of segments) out += `/${escapeSegment(s)}`
  return out
}

/** Unescaped segments of a pointer; [] for ''. Text not starting with '/' yields undefined. */
export function splitPointer(pointer: string): string[] | undefined {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) return undefined
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The value at `pointer` inside `root`, or undefined when a step is missing. Own properties only. */
export function valueAt(root: unknown, pointer: string): unknown {
  const segments = splitPointer(pointer)
  if (segments === undefined) return undefined
  let node: unknown = root
  for (const seg of segments) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(seg)) return undefined
      node = node[Number(seg)]
    } else if (isPlainObject(node)) {
      if (!Object.hasOwn(node, seg)) return undefined
      node = node[seg]
    } else return undefined
  }
  return node
}
