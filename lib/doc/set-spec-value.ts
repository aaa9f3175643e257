import * as Y from 'yjs'
import { appendKey, dropKey } from './insert-key'
import { isJsonObject, type JsonValue, setOwn } from './json-value'
import { ROOT } from './layout'
import { decodeLeaf } from './leaf-codec'
import { escapeKey, isSetMap } from './ordered-map'
import { fieldShape, type Shape } from './shape'
import { specShape } from './spec-shapes'
import { writeField } from './write-tree'

function splitPointer(pointer: string): string[] | undefined {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) return undefined
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
}

/** Sets `value` at `segments` inside a plain JSON value, creating objects on the way; undefined deletes. */
function setInPlain(root: JsonValue, segments: string[], value: JsonValue | undefined): JsonValue | undefined {
  const [head, ...rest] = segments
  if (head === undefined) return value
  if (Array.isArray(root)) {
    const copy = root.slice()
    const index = head === '-' ? copy.length : Number(head)
    if (!Number.isInteger(index) || index < 0 || index > copy.length) return root
    const next = setInPlain(copy[index] ?? {}, rest, value)
    if (next === undefined) copy.splice(index, 1)
    else copy[index] = next
    return copy
  }
  const object = isJsonObject(root) ? { ...root } : {}
  const next = setInPlain(object[head] ?? {}, rest, value)
  if (next === undefined) delete object[head]
  else setOwn(object, head, next)
  return object
}

/**
 * Sets (or, with `undefined`, removes) the value at JSON pointer `pointer` of an API surface's spec, as one
 * small change at the granularity of the layout: inside an operation, schema or path item it changes that key;
 * below a whole value (a parameter list, one response) it rewrites that value. Returns false when the API or
 * its spec is not there or the pointer is malformed; missing objects on the way are created.
 */
export function setSpecValue(doc: Y.Doc, apiId: string, pointer: string, value: JsonValue | undefined): boolean {
  const segments = splitPointer(pointer)
  const api = doc.getMap<unknown>(ROOT.apis).get(apiId)
  if (!segments || segments.length === 0 || !(api instanceof Y.Map)) return false
  const spec = api.get('spec')
  if (!(spec instanceof Y.Map)) return false
  let shape: Shape = specShape(spec.has('asyncapi') ? { asyncapi: '' } : {})
  doc.transact(() => {
    let map: Y.Map<unknown> = spec
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] as string
      const key = escapeKey(segment)
      const childShape = fieldShape(shape, segment)
      const current = map.get(key)
      const last = i === segments.length - 1
      if (!last && current instanceof Y.Map && !isSetMap(current)) {
        map = current
        shape = childShape
        continue
      }
      const isNew = !map.has(key)
      if (last) {
        if (value === undefined) {
          map.delete(key)
          dropKey(map, segment)
          return
        }
        writeField(map, key, value, childShape)
      } else {
        const base = current instanceof Y.Text ? current.toString() : decodeLeaf(current)
        const next = setInPlain(isNew ? {} : base, segments.slice(i + 1), value)
        if (next === undefined) return
        writeField(map, key, next, childShape)
      }
      if (isNew) appendKey(map, segment)
      return
    }
  })
  return true
}
