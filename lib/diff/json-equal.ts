/** Structural equality of JSON values; object key order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]))
  }
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  const ka = Object.keys(ra)
  if (ka.length !== Object.keys(rb).length) return false
  return ka.every((k) => Object.hasOwn(rb, k) && jsonEqual(ra[k], rb[k]))
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {}
}

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}

/** Keys of both objects: the new object's order first, then keys only the old one has. */
export function unionKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = Object.keys(after)
  for (const k of Object.keys(before)) if (!Object.hasOwn(after, k)) keys.push(k)
  return keys
}

/** Keyed added/removed/both partition of two maps. */
export function partition<T>(
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
): { added: [string, T][]; removed: [string, T][]; both: [string, T, T][] } {
  const added: [string, T][] = []
  const removed: [string, T][] = []
  const both: [string, T, T][] = []
  for (const [k, v] of after) {
    const old = before.get(k)
    if (old === undefined) added.push([k, v])
    else both.push([k, old, v])
  }
  for (const [k, v] of before) if (!after.has(k)) removed.push([k, v])
  return { added, removed, both }
}
