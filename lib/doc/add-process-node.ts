import * as Y from 'yjs'
import { nodeShape } from './format-shapes'
import { appendKey } from './insert-key'
import type { JsonObject } from './json-value'
import { escapeKey } from './ordered-map'
import { type GraphAt, nodesMap } from './process-graph'
import { writeObject } from './write-tree'

/**
 * Adds node `nodeId` (immutable, unique in its process) to a process graph, laid out like an imported node.
 * References inside it (database, queue, process) are ids. Returns false when the graph is not there or the id
 * is taken — node ids are never reused.
 */
export function addProcessNode(doc: Y.Doc, at: GraphAt, nodeId: string, node: JsonObject): boolean {
  const nodes = nodesMap(doc, at)
  if (!nodes || nodes.has(escapeKey(nodeId))) return false
  doc.transact(() => {
    const map = nodes.set(escapeKey(nodeId), new Y.Map<unknown>())
    writeObject(map, node, nodeShape)
    appendKey(nodes, nodeId)
  })
  return true
}
