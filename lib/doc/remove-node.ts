import type * as Y from 'yjs'
import type { Edge } from './add-edge'
import { dropKey } from './insert-key'
import { decodeLeaf } from './leaf-codec'
import { escapeKey, unescapeKey } from './ordered-map'
import { edgesMap, type GraphAt, graphMap, nodesMap } from './process-graph'
import { readValue } from './read-tree'

export type NodeDependents = {
  /** Edges from or to the node; removed with it (an edge needs both ends). */
  edges: Edge[]
  /** Nodes whose expressions read `nodes.<nodeId>`: left as they are, validation reports them. */
  readBy: string[]
  /** The graph's entry was this node: left as it is, validation reports it. */
  wasEntry: boolean
}

/**
 * Removes a node and its edges, and says what else depended on it, so the editor can offer to fix those.
 * Returns undefined when the node is not there.
 */
export function removeNode(doc: Y.Doc, at: GraphAt, nodeId: string): NodeDependents | undefined {
  const nodes = nodesMap(doc, at)
  if (!nodes?.has(escapeKey(nodeId))) return undefined
  const dependents: NodeDependents = { edges: [], readBy: [], wasEntry: graphMap(doc, at)?.get('entry') === nodeId }
  // `nodes.<id>` or nodes.`<id>` (JSONata's quoting for ids with dashes), not a longer id that starts the same.
  const id = nodeId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(`\\bnodes\\.(?:${id}|\`${id}\`)(?![A-Za-z0-9_-])`)
  for (const stored of nodes.keys()) {
    const other = unescapeKey(stored)
    if (other === undefined || other === nodeId) continue
    if (pattern.test(JSON.stringify(readValue(nodes.get(stored))))) dependents.readBy.push(other)
  }
  dependents.readBy.sort()
  doc.transact(() => {
    nodes.delete(escapeKey(nodeId))
    dropKey(nodes, nodeId)
    const edges = edgesMap(doc, at)
    if (!edges) return
    for (const stored of Array.from(edges.keys())) {
      const key = unescapeKey(stored)
      if (key === undefined) continue
      const edge = decodeLeaf(edges.get(stored))
      if (typeof edge !== 'object' || edge === null || Array.isArray(edge)) continue
      if (edge.from !== nodeId && edge.to !== nodeId) continue
      dependents.edges.push({ from: String(edge.from), port: String(edge.port), to: String(edge.to) })
      edges.delete(stored)
      dropKey(edges, key)
    }
  })
  return dependents
}
