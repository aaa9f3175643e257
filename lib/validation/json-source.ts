import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser'
import type { Located } from './project-model'

type Span = { offset: number }

export type JsonSource = {
  value: unknown
  errors: { offset: number; message: string }[]
  locate(pointer: string): Located | undefined
  locateOffset(offset: number): Located
}

function escapeSegment(seg: string): string {
  return seg.replaceAll('~', '~0').replaceAll('/', '~1')
}

/**
 * Parses one of our JSON files with a pointer → offset map (strict JSON). Interim adapter: lib/formats'
 * parse-our-json does the same once it is exported; this keeps validation independent until then.
 */
export function parseJsonSource(text: string): JsonSource {
  const errors: ParseError[] = []
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  const spans = new Map<string, Span>()
  const build = (node: JsonNode, pointer: string): unknown => {
    if (!spans.has(pointer)) spans.set(pointer, { offset: node.offset })
    if (node.type === 'object') {
      const out: Record<string, unknown> = {}
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? []
        if (!k || typeof k.value !== 'string') continue
        const child = `${pointer}/${escapeSegment(k.value)}`
        spans.set(child, { offset: v?.offset ?? k.offset })
        Object.defineProperty(out, k.value, {
          value: v ? build(v, child) : undefined,
          enumerable: true,
          writable: true,
          configurable: true,
        })
      }
      return out
    }
    if (node.type === 'array') return (node.children ?? []).map((c, i) => build(c, `${pointer}/${i}`))
    return node.value
  }
  const value = tree && errors.length === 0 ? build(tree, '') : undefined
  const lineStarts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1)
  const at = (offset: number): Located => {
    let lo = 0
    let hi = lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1, offset }
  }
  return {
    value,
    errors: errors.map((e) => ({ offset: e.offset, message: printParseErrorCode(e.error) })),
    locateOffset: at,
    locate(pointer) {
      let p = pointer
      for (;;) {
        const span = spans.get(p)
        if (span) return at(span.offset)
        if (p === '') return undefined
        p = p.slice(0, p.lastIndexOf('/'))
      }
    },
  }
}

/**
 * Offset in the file text of character `index` of the JSON string literal starting at `literalOffset` (the
 * opening quote), accounting for escapes, so a problem inside an expression gets its exact column.
 */
export function offsetInStringLiteral(text: string, literalOffset: number, index: number): number {
  let i = literalOffset + 1
  let decoded = 0
  while (i < text.length && decoded < index) {
    const c = text[i]
    if (c === '"') break
    if (c === '\\') i += text[i + 1] === 'u' ? 6 : 2
    else i += 1
    decoded++
  }
  return i
}
