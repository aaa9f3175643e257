/** A place inside an expression text: 0-based offset and length, 1-based line and column (UTF-16 units). */
export type ExpressionPosition = { offset: number; length: number; line: number; column: number }

/** Line:column of `offset` inside `text` (expressions may span lines). Pure. */
export function positionInExpression(text: string, offset: number, length = 0): ExpressionPosition {
  const at = Math.max(0, Math.min(offset, text.length))
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return { offset: at, length: Math.max(0, Math.min(length, text.length - at)), line, column: at - lineStart + 1 }
}
