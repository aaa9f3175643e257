import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { escapeKey, ORDER_KEY, orderedKeys, syncOrder, unescapeKey } from './ordered-map'
import { readObject } from './read-tree'
import { writeObject } from './write-tree'

function peers(n: number, init: (map: Y.Map<unknown>) => void): Y.Doc[] {
  const first = new Y.Doc()
  first.transact(() => init(first.getMap('m')))
  const docs = [first]
  for (let i = 1; i < n; i++) {
    const d = new Y.Doc()
    Y.applyUpdate(d, Y.encodeStateAsUpdate(first))
    docs.push(d)
  }
  return docs
}

function sync(docs: Y.Doc[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
}

describe('ordered maps', () => {
  it('keep key order, including the order Y.Map itself does not keep', () => {
    const doc = new Y.Doc()
    const map = doc.getMap<unknown>('m')
    writeObject(map, { zeta: 1, alpha: 2, mid: { b: 1, a: 2 } }, { kind: 'object', other: { kind: 'object' } })
    expect(Object.keys(readObject(map))).toEqual(['zeta', 'alpha', 'mid'])
    expect(Object.keys(readObject(map).mid as object)).toEqual(['b', 'a'])
  })

  it('merge concurrent insertions deterministically on every peer', () => {
    const docs = peers(3, (m) => writeObject(m, { a: 1, z: 2 }, { kind: 'object' }))
    docs.forEach((d, i) => {
      const m = d.getMap<unknown>('m')
      writeObject(m, { a: 1, [`k${i}`]: i, z: 2 }, { kind: 'object' })
    })
    writeObject(docs[0]!.getMap('m'), { a: 1, k0: 0, z: 2, same: 'x' }, { kind: 'object' })
    writeObject(docs[1]!.getMap('m'), { a: 1, k1: 1, z: 2, same: 'y' }, { kind: 'object' })
    sync(docs)
    const orders = docs.map((d) => orderedKeys(d.getMap('m')))
    expect(orders[1]).toEqual(orders[0])
    expect(orders[2]).toEqual(orders[0])
    expect(new Set(orders[0])).toEqual(new Set(['a', 'k0', 'k1', 'k2', 'z', 'same']))
    expect(orders[0]?.filter((k) => k === 'same')).toHaveLength(1)
  })

  it('read a key present in the map but missing from the order after the listed ones', () => {
    const doc = new Y.Doc()
    const map = doc.getMap<unknown>('m')
    writeObject(map, { b: 1, a: 2 }, { kind: 'object' })
    map.set('c', 3)
    expect(orderedKeys(map)).toEqual(['b', 'a', 'c'])
  })

  it('syncOrder inserts and deletes without rewriting the list', () => {
    const doc = new Y.Doc()
    const map = doc.getMap<unknown>('m')
    syncOrder(map, ['a', 'b', 'c'])
    const before = Y.encodeStateVector(doc)
    syncOrder(map, ['a', 'x', 'c'])
    expect((map.get(ORDER_KEY) as Y.Array<string>).toArray()).toEqual(['a', 'x', 'c'])
    // One key inserted, one deleted: the surviving keys were not written again.
    const { structs, ds } = Y.decodeUpdate(Y.encodeStateAsUpdate(doc, before))
    expect(structs.reduce((n, s) => n + s.length, 0)).toBe(1)
    expect([...ds.clients.values()].flat().reduce((n, d) => n + d.len, 0)).toBe(1)
  })

  it('escape user keys that would collide with reserved ones', () => {
    expect(unescapeKey(escapeKey('\u0000o'))).toBe('\u0000o')
    expect(escapeKey('\u0000o')).not.toBe(ORDER_KEY)
    expect(unescapeKey(ORDER_KEY)).toBeUndefined()
    const doc = new Y.Doc()
    const map = doc.getMap<unknown>('m')
    writeObject(map, { '\u0000o': 1, __proto__x: 2 }, { kind: 'object' })
    expect(readObject(map)).toEqual({ '\u0000o': 1, __proto__x: 2 })
  })
})
