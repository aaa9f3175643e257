import * as Y from 'yjs'
import { COLLECTION, type EntityKind, ROOT } from './layout'

/**
 * Removes an entity and remembers its last name, so references to it (now dangling, reported by validation)
 * still export readably. Returns false when it is not there.
 */
export function removeEntity(doc: Y.Doc, kind: EntityKind, id: string): boolean {
  const collection = doc.getMap<unknown>(COLLECTION[kind])
  const entity = collection.get(id)
  if (!(entity instanceof Y.Map)) return false
  doc.transact(() => {
    const name = entity.get('name')
    if (typeof name === 'string') doc.getMap<unknown>(ROOT.removed).set(id, name)
    collection.delete(id)
  })
  return true
}
