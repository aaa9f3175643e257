import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser'
import { type Problem, problem } from '../problems'
import { joinPointer } from './pointer'
import { createSourceMap, lineIndex, type SourceMap, type SourceSpans } from './source-map'

export type ParseOurJsonResult = {
  /** The parsed value; undefined when the text is not valid JSON (then `problems` says where and why). */
  value: unknown
  sourceMap: SourceMap
  problems: Problem[]
}

const syntaxMessages: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'this number is not written the JSON way',
  PropertyNameExpected: 'a property name in double quotes is expected here',
  ValueExpected: 'a value is expected here',
  ColonExpected: 'a colon (:) is expected after the property name',
  CommaExpected: 'a comma is expected between members',
  CloseBraceExpected: 'a closing brace (}) is expected',
  CloseBracketExpected: 'a closing bracket (]) is expected',
  EndOfFileExpected: 'the file should end after the top-level value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'this string is not closed',
  UnexpectedEndOfNumber: 'this number is incomplete',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape sequence in a string',
  InvalidCharacter: 'this character must be escaped inside a string',
}

const syntaxHints: Record<string, string> = {
  CommaExpected: 'Separate members with commas, and remove any trailing comma.',
  PropertyNameExpected: 'Property names are double-quoted strings; a trailing comma before } is not allowed.',
  ValueExpected: 'Check for a trailing comma or a missing value.',
  InvalidCommentToken: 'Remove the comment; describe things in a "description" field instead.',
  UnexpectedEndOfComment: 'Remove the comment; describe things in a "description" field instead.',
}

/**
 * Parses one of our JSON files (strict JSON: no comments, no trailing commas; a leading BOM is accepted). Never
 * throws: syntax errors and duplicate keys come back as located problems (rule `json.syntax` /
 * `json.duplicate-key`) and `value` is then undefined, so nothing downstream rewrites a file it did not understand.
 * Keys such as `__proto__` become own properties.
 */
export function parseOurJson({ path, text }: { path: string; text: string }): ParseOurJsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text
  const errors: ParseError[] = []
  const tree = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  const at = lineIndex(body)
  const problems: Problem[] = []
  // Only the first syntax error: the parser's later ones are mostly consequences of it (an unclosed brace
  // yields three), and fixing the first one re-reveals any real second one.
  for (const e of errors.slice(0, 1)) {
    const code = printParseErrorCode(e.error)
    const where = at(e.offset)
    problems.push(
      problem({
        severity: 'error',
        code: 'json-syntax',
        rule: 'json.syntax',
        message: syntaxMessages[code] ?? code,
        hint: syntaxHints[code] ?? 'Fix the JSON syntax at this position.',
        file: path,
        pointer: '',
        line: where.line,
        column: where.column,
      }),
    )
  }
  const spans: SourceSpans = new Map()
  let value: unknown
  if (tree) {
    value = build(tree, '', spans, (pointer, keyNode) => {
      const where = at(keyNode.offset)
      problems.push(
        problem({
          severity: 'error',
          code: 'json-duplicate-key',
          rule: 'json.duplicate-key',
          message: `the property "${String(keyNode.value)}" appears twice in the same object`,
          hint: 'Keep one of them: a JSON reader would silently drop the other.',
          file: path,
          pointer,
          line: where.line,
          column: where.column,
        }),
      )
    })
  }
  if (!tree && errors.length === 0) {
    problems.push(
      problem({
        severity: 'error',
        code: 'json-syntax',
        rule: 'json.syntax',
        message: 'the file is empty',
        hint: 'Write the JSON object of this file, starting with its "format".',
        file: path,
        pointer: '',
        line: 1,
        column: 1,
      }),
    )
  }
  return { value: problems.length > 0 ? undefined : value, sourceMap: createSourceMap(body, spans), problems }
}

function build(
  node: JsonNode,
  pointer: string,
  spans: SourceSpans,
  onDuplicate: (pointer: string, keyNode: JsonNode) => void,
): unknown {
  if (!spans.has(pointer)) spans.set(pointer, { offset: node.offset, length: node.length })
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const prop of node.children ?? []) {
        const [keyNode, valueNode] = prop.children ?? []
        if (!keyNode || typeof keyNode.value !== 'string') continue
        const key = keyNode.value
        const child = joinPointer(pointer, key)
        if (Object.hasOwn(out, key)) onDuplicate(child, keyNode)
        spans.set(child, {
          offset: valueNode?.offset ?? keyNode.offset,
          length: valueNode?.length ?? keyNode.length,
          keyOffset: keyNode.offset,
          keyLength: keyNode.length,
        })
        const v = valueNode ? build(valueNode, child, spans, onDuplicate) : undefined
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true })
      }
      return out
    }
    case 'array':
      return (node.children ?? []).map((c, i) => build(c, joinPointer(pointer, i), spans, onDuplicate))
    default:
      return node.value
  }
}
