import { type Node as JsonNode, parseTree } from 'jsonc-parser'
import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node as YamlNode } from 'yaml'
import { segmentsFromPointer } from './json-pointer'

/**
 * Where each part of a spec file is in its text, so any JSON pointer can be turned into line:column.
 * JSON: the syntax tree is built lazily on the first lookup (≈ 0.7 s on a 13 MB file, 5× JSON.parse), because
 * most documents never need a location. YAML: the parsed YAML document, which the parse produced anyway.
 */
export type SpecSourceMap =
  | { readonly serialization: 'json'; readonly text: string; readonly cache: JsonSourceCache }
  | {
      readonly serialization: 'yaml'
      readonly text: string
      readonly document: Document
      readonly lineCounter: LineCounter
    }

type JsonSourceCache = { tree?: JsonNode | undefined; lineStarts?: number[] }

/** A 1-based line and column (columns count UTF-16 code units, as editors do). */
export type SourcePosition = { line: number; column: number }

export function createJsonSourceMap(text: string): SpecSourceMap {
  return { serialization: 'json', text, cache: {} }
}

export function createYamlSourceMap(text: string, document: Document, lineCounter: LineCounter): SpecSourceMap {
  return { serialization: 'yaml', text, document, lineCounter }
}

function computeLineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** 1-based line:column of a UTF-16 offset, by binary search over line starts. */
export function positionAtOffset(lineStarts: readonly number[], offset: number): SourcePosition {
  let lo = 0
  let hi = lineStarts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid
    else hi = mid - 1
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 }
}

/** Position of an offset in a text (for callers that have an offset, such as syntax errors). */
export function positionInText(text: string, offset: number): SourcePosition {
  return positionAtOffset(computeLineStarts(text), offset)
}

function jsonOffset(tree: JsonNode, segments: readonly string[]): number {
  let node: JsonNode = tree
  let offset = tree.offset
  for (const seg of segments) {
    let next: JsonNode | undefined
    let at: number | undefined
    if (node.type === 'object') {
      // The last duplicate key wins, as in JSON.parse.
      const props = node.children ?? []
      for (let i = props.length - 1; i >= 0; i--) {
        const prop = props[i]
        const key = prop?.children?.[0]
        if (key?.value === seg) {
          next = prop?.children?.[1]
          at = key.offset
          break
        }
      }
    } else if (node.type === 'array' && /^(0|[1-9][0-9]*)$/.test(seg)) {
      next = node.children?.[Number(seg)]
      at = next?.offset
    }
    if (next === undefined || at === undefined) return offset
    node = next
    offset = at
  }
  return offset
}

function yamlOffset(doc: Document, segments: readonly string[]): number {
  let node: unknown = doc.contents
  let offset = (isScalar(node) || isMap(node) || isSeq(node) ? node.range?.[0] : undefined) ?? 0
  for (const seg of segments) {
    if (isAlias(node)) node = node.resolve(doc)
    let next: unknown
    let at: number | undefined
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i]
        const key = pair?.key
        const keyText = isScalar(key) ? String(key.value) : key === null || key === undefined ? '' : String(key)
        if (keyText === seg) {
          next = pair?.value
          at = (isScalar(key) ? key.range?.[0] : undefined) ?? (next as YamlNode | undefined)?.range?.[0]
          break
        }
      }
    } else if (isSeq(node) && /^(0|[1-9][0-9]*)$/.test(seg)) {
      next = node.items[Number(seg)]
      at = (next as YamlNode | undefined)?.range?.[0]
    }
    if (next === undefined || at === undefined) return offset
    node = next
    offset = at
  }
  return offset
}

/**
 * Line:column of what `pointer` names: the key of an object member, the start of an array item or of the root.
 * A pointer into something that does not exist (a missing required property, a part added by conversion) gets
 * the position of its deepest existing ancestor. Never throws.
 */
export function locatePointer(sourceMap: SpecSourceMap, pointer: string): SourcePosition {
  const segments = segmentsFromPointer(pointer) ?? []
  if (sourceMap.serialization === 'yaml') {
    const { line, col } = sourceMap.lineCounter.linePos(yamlOffset(sourceMap.document, segments))
    return { line: Math.max(line, 1), column: Math.max(col, 1) }
  }
  const cache = sourceMap.cache
  cache.lineStarts ??= computeLineStarts(sourceMap.text)
  cache.tree ??= parseTree(sourceMap.text, [], { allowTrailingComma: true, disallowComments: false })
  const offset = cache.tree === undefined ? 0 : jsonOffset(cache.tree, segments)
  return positionAtOffset(cache.lineStarts, offset)
}
