import * as Y from 'yjs'
import { nodeShape } from './format-shapes'
import { appendKey, dropKey } from './insert-key'
import type { JsonValue } from './json-value'
import { escapeKey } from './ordered-map'
import { type GraphAt, nodesMap } from './process-graph'
import { fieldShape } from './shape'
import { writeField } from './write-tree'

/**
 * Sets (or, with `undefined`, removes) one field of one node — a per-field change, so two people editing
 * different fields of one node merge. Prose fields are edited in place. Returns false when the node is not there.
 */
export function setNodeField(
  doc: Y.Doc,
  at: GraphAt,
  nodeId: string,
  field: string,
  value: JsonValue | undefined,
): boolean {
  const node = nodesMap(doc, at)?.get(escapeKey(nodeId))
  if (!(node instanceof Y.Map)) return false
  doc.transact(() => {
    const key = escapeKey(field)
    if (value === undefined) {
      node.delete(key)
      dropKey(node, field)
      return
    }
    const isNew = !node.has(key)
    writeField(node, key, value, fieldShape(nodeShape, field))
    if (isNew) appendKey(node, field)
  })
  return true
}
