import type * as Y from 'yjs'
import { edgeKey } from './format-shapes'
import { appendKey, dropKey } from './insert-key'
import { encodeLeaf } from './leaf-codec'
import { escapeKey } from './ordered-map'
import { edgesMap, type GraphAt } from './process-graph'

export type Edge = { from: string; port: string; to: string }

/**
 * Adds the edge (from, port, to) — its identity — to a process graph. Adding an edge that exists changes
 * nothing; nodes are not checked (a concurrent delete can leave it dangling anyway: validation reports it).
 * Returns false when the graph is not there.
 */
export function addEdge(doc: Y.Doc, at: GraphAt, edge: Edge): boolean {
  const edges = edgesMap(doc, at)
  if (!edges) return false
  const key = edgeKey(edge)
  if (edges.has(escapeKey(key))) return true
  doc.transact(() => {
    edges.set(escapeKey(key), encodeLeaf({ from: edge.from, port: edge.port, to: edge.to }))
    appendKey(edges, key)
  })
  return true
}

/** Removes the edge (from, port, to). Returns false when it is not there. */
export function removeEdge(doc: Y.Doc, at: GraphAt, edge: Edge): boolean {
  const edges = edgesMap(doc, at)
  const key = edgeKey(edge)
  if (!edges?.has(escapeKey(key))) return false
  edges.doc?.transact(() => {
    edges.delete(escapeKey(key))
    dropKey(edges, key)
  })
  return true
}
