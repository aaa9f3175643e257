import type * as Y from 'yjs'

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/**
 * Turns `text` into `value` with one delete and one insert around the common prefix and suffix, so a restore or
 * re-import of an edited description is a small change that merges with concurrent typing elsewhere in it.
 * Never splits a surrogate pair.
 */
export function syncText(text: Y.Text, value: string): void {
  const current = text.toString()
  if (current === value) return
  let start = 0
  const max = Math.min(current.length, value.length)
  while (start < max && current.charCodeAt(start) === value.charCodeAt(start)) start++
  if (start > 0 && isLowSurrogate(current.charCodeAt(start))) start--
  let end = 0
  while (end < max - start && current.charCodeAt(current.length - 1 - end) === value.charCodeAt(value.length - 1 - end))
    end++
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--
  const deleteCount = current.length - start - end
  if (deleteCount > 0) text.delete(start, deleteCount)
  const insert = value.slice(start, value.length - end)
  if (insert.length > 0) text.insert(start, insert)
}
