import * as Y from 'yjs'
import { COLLECTION, type EntityKind } from './layout'

/**
 * Renames an API surface, process, database or queue: one field change in the document (references are ids, so
 * it merges with a concurrent new reference); the export rewrites every file that names it. Returns false when
 * the entity is not there. Name rules (slug, unique) are validation's, not a refusal here: input is never lost.
 */
export function renameEntity(doc: Y.Doc, kind: EntityKind, id: string, name: string): boolean {
  const entity = doc.getMap<unknown>(COLLECTION[kind]).get(id)
  if (!(entity instanceof Y.Map)) return false
  if (entity.get('name') !== name) entity.set('name', name)
  return true
}
