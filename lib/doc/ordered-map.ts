import * as Y from 'yjs'

/**
 * A Y.Map does not keep key order across peers, so every object map carries its key order in a Y.Array of keys
 * under this reserved key. Concurrent inserts both land in the array (deterministic merge); a key listed twice is
 * read at its first place; a key present but not listed (a concurrent re-add) is read after the listed ones, sorted.
 */
export const ORDER_KEY = '\u0000o'

/**
 * Keys starting with NUL are reserved for layout bookkeeping (ORDER_KEY, '\u0000file'); a user key that starts
 * with NUL is stored with one more NUL in front, so no user key can collide with a reserved one.
 */
export function escapeKey(key: string): string {
  return key.charCodeAt(0) === 0 ? `\u0000${key}` : key
}

export function unescapeKey(stored: string): string | undefined {
  if (stored.charCodeAt(0) !== 0) return stored
  return stored.charCodeAt(1) === 0 ? stored.slice(1) : undefined
}

/** The user keys of an object map in their order (see ORDER_KEY for how a merged order is read). */
export function orderedKeys(map: Y.Map<unknown>): string[] {
  const order = map.get(ORDER_KEY)
  const out: string[] = []
  const seen = new Set<string>()
  if (order instanceof Y.Array) {
    for (const key of order.toArray() as unknown[]) {
      if (typeof key !== 'string' || seen.has(key)) continue
      seen.add(key)
      if (map.has(escapeKey(key))) out.push(key)
    }
  }
  const rest: string[] = []
  for (const stored of map.keys()) {
    const key = unescapeKey(stored)
    if (key !== undefined && !seen.has(key)) rest.push(key)
  }
  if (rest.length === 0) return out
  rest.sort()
  return out.concat(rest)
}

/**
 * Makes the stored order equal `keys` with few operations: drops keys no longer wanted (and duplicates), inserts
 * new keys at their place, and rewrites the whole list only when surviving keys changed their relative order.
 */
export function syncOrder(map: Y.Map<unknown>, keys: readonly string[]): void {
  let order = map.get(ORDER_KEY)
  if (!(order instanceof Y.Array)) {
    order = new Y.Array<string>()
    map.set(ORDER_KEY, order)
    ;(order as Y.Array<string>).insert(0, keys.slice())
    return
  }
  const arr = order as Y.Array<unknown>
  const current = arr.toArray()
  if (current.length === keys.length && current.every((k, i) => k === keys[i])) return
  const wanted = new Set(keys)
  const seen = new Set<unknown>()
  // Delete from the end so indexes stay valid.
  for (let i = current.length - 1; i >= 0; i--) {
    const key = current[i]
    const firstIndex = current.indexOf(key)
    if (typeof key !== 'string' || !wanted.has(key) || firstIndex !== i) arr.delete(i, 1)
    else seen.add(key)
  }
  const kept = (arr.toArray() as string[]).slice()
  const keptInWantedOrder = keys.filter((k) => seen.has(k))
  if (kept.length !== keptInWantedOrder.length || kept.some((k, i) => k !== keptInWantedOrder[i])) {
    arr.delete(0, arr.length)
    arr.insert(0, keys.slice())
    return
  }
  // Insert missing keys after their predecessor in `keys`.
  let index = 0
  for (const key of keys) {
    if (seen.has(key)) {
      index++
      continue
    }
    arr.insert(index, [key])
    index++
  }
}

/** Marks a Y.Map that stores an array as a set (read back as an array). */
export const SET_KEY = '\u0000set'

export function isSetMap(map: Y.Map<unknown>): boolean {
  return map.get(SET_KEY) === true
}
