import { escapePointerSegment, isRecord } from './json-pointer'

/**
 * The JSON pointer of the first place where `a` and `b` differ in content or in key order, or undefined when
 * they are equal. Arrays compare item by item; objects by their own enumerable keys in order; numbers with
 * Object.is except that 0 and -0 are equal (JSON cannot tell them apart).
 */
export function firstSpecDifference(a: unknown, b: unknown, pointer = ''): string | undefined {
  if (a === b) return undefined
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return pointer
    for (let i = 0; i < a.length; i++) {
      const d = firstSpecDifference(a[i], b[i], `${pointer}/${i}`)
      if (d !== undefined) return d
    }
    return undefined
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    if (ka.length !== kb.length) return pointer
    for (let i = 0; i < ka.length; i++) {
      const key = ka[i] as string
      if (key !== kb[i]) return `${pointer}/${escapePointerSegment(key)}`
      const d = firstSpecDifference(a[key], b[key], `${pointer}/${escapePointerSegment(key)}`)
      if (d !== undefined) return d
    }
    return undefined
  }
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return undefined
  return pointer
}

/** Deep equality AND the same key order at every level: the round-trip law for specs (DESIGN §2). Pure. */
export function specsEqualWithKeyOrder(a: unknown, b: unknown): boolean {
  return firstSpecDifference(a, b) === undefined
}
