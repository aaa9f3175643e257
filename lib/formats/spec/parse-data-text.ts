import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser'
import { Composer, type Document, LineCounter, Parser } from 'yaml'
import { type Problem, problem } from '../../problems'
import type { SpecSerialization } from './spec'
import { specRules } from './spec-rules'
import { createJsonSourceMap, createYamlSourceMap, positionInText, type SpecSourceMap } from './spec-source-map'

export type ParseDataResult = {
  serialization: SpecSerialization
  /** undefined when the text did not parse (see problems). */
  value: unknown
  sourceMap?: SpecSourceMap
  /** Number of YAML comments, which editing cannot keep. */
  commentCount: number
  problems: Problem[]
}

/**
 * JSON when the file name says .json, YAML when it says .yaml/.yml; otherwise JSON when the text starts with '{'
 * or '[' and YAML else (every JSON text is YAML too, so the name wins when it is explicit).
 */
export function detectSerialization(path: string, text: string): SpecSerialization {
  const lower = path.toLowerCase()
  if (lower.endsWith('.json')) return 'json'
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml'
  const first = text.trimStart()[0]
  return first === '{' || first === '[' ? 'json' : 'yaml'
}

/** YAML parse options: YAML 1.2 core schema, no `<<` merge keys (not JSON), duplicate keys are errors. */
const yamlOptions = { version: '1.2', merge: false, uniqueKeys: true, strict: true } as const
/** Aliases expand on toJS; this bounds "billion laughs" documents. */
const maxAliasCount = 1000

function parseJson(path: string, text: string): ParseDataResult {
  try {
    // JSON.parse is ~5× faster than a syntax tree; the tree is built only if a location is needed.
    const value: unknown = JSON.parse(text)
    return { serialization: 'json', value, sourceMap: createJsonSourceMap(text), commentCount: 0, problems: [] }
  } catch {
    const errors: ParseError[] = []
    parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false })
    const found = errors.length > 0 ? errors : [{ error: 1, offset: 0, length: 0 } as ParseError]
    const problems = found.slice(0, 20).map((e) => {
      const { line, column } = positionInText(text, e.offset)
      return problem({
        severity: 'error',
        ...specRules.syntax,
        message: `JSON syntax error: ${printParseErrorCode(e.error)}`,
        hint: 'Fix the JSON syntax at this position (a missing comma, quote or bracket is the usual cause).',
        file: path,
        line,
        column,
      })
    })
    return { serialization: 'json', value: undefined, commentCount: 0, problems }
  }
}

type CstLike = { type?: unknown; offset?: unknown }

/** Finds comment tokens anywhere in the YAML CST (comments live in start/sep/end token lists). */
function collectCommentOffsets(token: unknown, out: number[], depth = 0): void {
  if (depth > 200 || typeof token !== 'object' || token === null) return
  if (Array.isArray(token)) {
    for (const t of token) collectCommentOffsets(t, out, depth + 1)
    return
  }
  const t = token as CstLike & Record<string, unknown>
  if (t.type === 'comment' && typeof t.offset === 'number') {
    out.push(t.offset)
    return
  }
  for (const key of ['start', 'sep', 'end', 'items', 'value', 'key']) {
    if (key in t) collectCommentOffsets(t[key], out, depth + 1)
  }
}

/**
 * The parser reports an unclosed quoted string at the end of the file; the user needs where it opened: the last
 * `quote` before `end` that starts a value (after ':', '-', '[', '{', ',' or at a line start).
 */
function openingQuoteOffset(text: string, end: number, quote: string): number {
  for (let i = Math.min(end, text.length - 1); i >= 0; i--) {
    if (text[i] !== quote) continue
    let j = i - 1
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--
    if (j < 0 || ':-[{,\n'.includes(text[j] as string)) return i
  }
  return end
}

function parseYaml(path: string, text: string): ParseDataResult {
  const lineCounter = new LineCounter()
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text))
  const commentOffsets: number[] = []
  if (text.includes('#')) collectCommentOffsets(tokens, commentOffsets)
  const docs: Document.Parsed[] = Array.from(new Composer(yamlOptions).compose(tokens, true, text.length))
  const located = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return { line: Math.max(line, 1), column: Math.max(col, 1) }
  }
  const problems: Problem[] = []
  const doc = docs[0]
  for (const d of docs) {
    for (const e of d.errors) {
      const quote = /Missing closing (["'])quote/.exec(e.message)?.[1]
      const at = quote ? openingQuoteOffset(text, e.pos[0], quote) : e.pos[0]
      problems.push(
        problem({
          severity: 'error',
          ...specRules.syntax,
          message: `YAML syntax error: ${e.message.split('\n')[0]}`,
          hint: quote
            ? `The string opened with ${quote} here is never closed: add the closing ${quote}.`
            : 'Fix the YAML at this position (indentation, an unclosed quote or a duplicate key are the usual causes).',
          file: path,
          ...located(at),
        }),
      )
    }
  }
  if (docs.length > 1) {
    const second = docs[1]?.range?.[0] ?? 0
    problems.push(
      problem({
        severity: 'error',
        ...specRules.multipleDocuments,
        message: `The file holds ${docs.length} YAML documents; a spec file holds exactly one.`,
        hint: 'Remove the `---` separator and the documents after the first, or split them into separate files.',
        file: path,
        ...located(second),
      }),
    )
  }
  const firstComment = commentOffsets[0]
  if (firstComment !== undefined) {
    problems.push(
      problem({
        severity: 'warning',
        ...specRules.yamlComments,
        message: `The file has ${commentOffsets.length} YAML comment${commentOffsets.length === 1 ? '' : 's'}; comments are not kept when the spec is edited in Backplane.`,
        hint: 'Move what the comments say into `description` fields (or `x-` extensions) so it survives editing.',
        file: path,
        ...located(firstComment),
      }),
    )
  }
  if (doc === undefined || problems.some((p) => p.severity === 'error')) {
    return { serialization: 'yaml', value: undefined, commentCount: commentOffsets.length, problems }
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount })
  } catch (e) {
    problems.push(
      problem({
        severity: 'error',
        ...specRules.syntax,
        message: `YAML could not be read: ${e instanceof Error ? e.message : String(e)}`,
        hint: `Replace aliases (*name) by the content they stand for; at most ${maxAliasCount} alias expansions are allowed.`,
        file: path,
        line: 1,
        column: 1,
      }),
    )
    return { serialization: 'yaml', value: undefined, commentCount: commentOffsets.length, problems }
  }
  return {
    serialization: 'yaml',
    value,
    sourceMap: createYamlSourceMap(text, doc, lineCounter),
    commentCount: commentOffsets.length,
    problems,
  }
}

/**
 * Parses a JSON or YAML text into a plain JSON value with its source map. Syntax errors become located error
 * problems; YAML comments a warning. Pure; never throws.
 */
export function parseDataText({ path, text }: { path: string; text: string }): ParseDataResult {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const serialization = detectSerialization(path, clean)
  return serialization === 'json' ? parseJson(path, clean) : parseYaml(path, clean)
}
