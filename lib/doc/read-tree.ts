import * as Y from 'yjs'
import { type JsonObject, type JsonValue, setOwn } from './json-value'
import { decodeLeaf } from './leaf-codec'
import { escapeKey, isSetMap, orderedKeys } from './ordered-map'

/**
 * Reads any stored value back as JSON: an object map as an object in its stored order, a set map as an array in
 * its stored order, a Y.Text as its string, a plain value as itself. Needs no shape (the layout is self-describing),
 * so a document written by another layout version or a merge still reads. Pure; never throws on any content.
 */
export function readValue(value: unknown): JsonValue {
  if (value instanceof Y.Map) return isSetMap(value) ? readSet(value) : readObject(value)
  if (value instanceof Y.Text) return value.toString()
  if (value instanceof Y.Array) return value.toArray().map(readValue)
  return decodeLeaf(value)
}

export function readObject(map: Y.Map<unknown>): JsonObject {
  const out: JsonObject = {}
  for (const key of orderedKeys(map)) setOwn(out, key, readValue(map.get(escapeKey(key))))
  return out
}

export function readSet(map: Y.Map<unknown>): JsonValue[] {
  return orderedKeys(map).map((key) => readValue(map.get(escapeKey(key))))
}
