import { joinPointer, splitPointer } from './pointer'

/** Where a JSON value sits in its file. line and column are 1-based; column counts UTF-16 code units. */
export type SourceLocation = { line: number; column: number; offset: number; length: number }

/**
 * Pointer → location in one file's text. `locate` of a pointer that names nothing (a missing property) gives the
 * location of the nearest enclosing value that exists, so "required property missing" still points somewhere useful.
 */
export type SourceMap = {
  locate(pointer: string): SourceLocation | undefined
  /** Location of the property name of an object member (for "unknown property" problems), else of the value. */
  locateKey(pointer: string): SourceLocation | undefined
}

export type SourceSpans = Map<string, { offset: number; length: number; keyOffset?: number; keyLength?: number }>

/** Offsets → 1-based line/column for one text. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return (offset) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 }
  }
}

export function createSourceMap(text: string, spans: SourceSpans): SourceMap {
  const at = lineIndex(text)
  const nearest = (pointer: string) => {
    const segments = splitPointer(pointer) ?? []
    for (let n = segments.length; n >= 0; n--) {
      const p = joinPointer('', ...segments.slice(0, n))
      const span = spans.get(p)
      if (span) return { span, exact: n === segments.length }
    }
    return undefined
  }
  return {
    locate(pointer) {
      const found = nearest(pointer)
      if (!found) return undefined
      return { ...at(found.span.offset), offset: found.span.offset, length: found.span.length }
    },
    locateKey(pointer) {
      const found = nearest(pointer)
      if (!found) return undefined
      const { span, exact } = found
      if (exact && span.keyOffset !== undefined) {
        return { ...at(span.keyOffset), offset: span.keyOffset, length: span.keyLength ?? 0 }
      }
      return { ...at(span.offset), offset: span.offset, length: span.length }
    },
  }
}
