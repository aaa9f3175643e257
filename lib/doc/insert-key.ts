import * as Y from 'yjs'
import { ORDER_KEY } from './ordered-map'

/** Appends `key` to an object map's key order (an element editor adds a key; it goes last, as people expect). */
export function appendKey(map: Y.Map<unknown>, key: string): void {
  let order = map.get(ORDER_KEY)
  if (!(order instanceof Y.Array)) order = map.set(ORDER_KEY, new Y.Array<string>())
  ;(order as Y.Array<string>).push([key])
}

/** Removes every occurrence of `key` from an object map's key order. */
export function dropKey(map: Y.Map<unknown>, key: string): void {
  const order = map.get(ORDER_KEY)
  if (!(order instanceof Y.Array)) return
  const keys = order.toArray() as unknown[]
  for (let i = keys.length - 1; i >= 0; i--) if (keys[i] === key) order.delete(i, 1)
}
