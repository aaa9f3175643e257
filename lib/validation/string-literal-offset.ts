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
