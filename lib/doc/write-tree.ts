import * as Y from 'yjs'
import { isJsonObject, type JsonObject, type JsonValue } from './json-value'
import { encodeLeaf, leafEquals } from './leaf-codec'
import { escapeKey, isSetMap, SET_KEY, syncOrder, unescapeKey } from './ordered-map'
import { fieldShape, type Shape } from './shape'
import { syncText } from './sync-text'

/**
 * Writes `value` under `key` of `parent` laid out by `shape`, changing only what differs from what is there:
 * equal values are left alone, maps and texts are edited in place. This one routine is both the import (into an
 * empty map) and `applyFiles` (into a live one), so a restore produces the minimal Yjs update.
 */
export function writeField(parent: Y.Map<unknown>, key: string, value: JsonValue, shape: Shape): void {
  const current = parent.get(key)
  if (shape.kind === 'text' && typeof value === 'string') {
    if (current instanceof Y.Text) syncText(current, value)
    else parent.set(key, new Y.Text(value))
    return
  }
  if (shape.kind === 'object' && isJsonObject(value)) {
    if (current instanceof Y.Map && !isSetMap(current)) writeObject(current, value, shape)
    else writeObject(parent.set(key, new Y.Map()), value, shape)
    return
  }
  if (shape.kind === 'set' && Array.isArray(value)) {
    if (current instanceof Y.Map && isSetMap(current)) writeSet(current, value, shape.key)
    else writeSet(parent.set(key, newSetMap()), value, shape.key)
    return
  }
  if (current instanceof Y.AbstractType || current === undefined || !leafEquals(current, value)) {
    parent.set(key, encodeLeaf(value))
  }
}

/** Writes every key of `value` into `map` (an object map), deleting keys it no longer has, and syncs the order. */
export function writeObject(map: Y.Map<unknown>, value: JsonObject, shape: Shape): void {
  const keys = Object.keys(value)
  if (map.size > 0) {
    for (const stored of Array.from(map.keys())) {
      const key = unescapeKey(stored)
      if (key !== undefined && !Object.hasOwn(value, key)) map.delete(stored)
    }
  }
  for (const key of keys) writeField(map, escapeKey(key), value[key] as JsonValue, fieldShape(shape, key))
  syncOrder(map, keys)
}

function newSetMap(): Y.Map<unknown> {
  return new Y.Map<unknown>([[SET_KEY, true]])
}

/**
 * Item keys of a set: `key(item)`, with `#2`, `#3`… appended to repeats so duplicates in a file are kept, not
 * merged away (validation reports them).
 */
export function setItemKeys(items: readonly JsonValue[], key: (item: JsonValue) => string): string[] {
  const counts = new Map<string, number>()
  return items.map((item) => {
    const base = key(item)
    const n = (counts.get(base) ?? 0) + 1
    counts.set(base, n)
    return n === 1 ? base : `${base}#${n}`
  })
}

/** Writes an array as a set map: one entry per item key, values whole, order kept. */
export function writeSet(map: Y.Map<unknown>, items: readonly JsonValue[], key: (item: JsonValue) => string): void {
  const keys = setItemKeys(items, key)
  const wanted = new Set(keys)
  for (const stored of Array.from(map.keys())) {
    const k = unescapeKey(stored)
    if (k !== undefined && !wanted.has(k)) map.delete(stored)
  }
  keys.forEach((k, i) => {
    const stored = escapeKey(k)
    const item = items[i] as JsonValue
    const current = map.get(stored)
    if (current === undefined || !leafEquals(current, item)) map.set(stored, encodeLeaf(item))
  })
  syncOrder(map, keys)
}
