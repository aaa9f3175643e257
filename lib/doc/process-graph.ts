import * as Y from 'yjs'
import { ROOT } from './layout'
import { isSetMap } from './ordered-map'

/** Where a node lives: the process's top-level graph, or the body of a top-level for-each node. */
export type GraphAt = { processId: string; parent?: string }

/** The Y.Map holding a process graph (entry, nodes, edges), or undefined when it is not there (deleted, invalid). */
export function graphMap(doc: Y.Doc, at: GraphAt): Y.Map<unknown> | undefined {
  const process = doc.getMap<unknown>(ROOT.processes).get(at.processId)
  if (!(process instanceof Y.Map)) return undefined
  if (at.parent === undefined) return process
  const nodes = process.get('nodes')
  const parent = nodes instanceof Y.Map ? nodes.get(at.parent) : undefined
  const body = parent instanceof Y.Map ? parent.get('body') : undefined
  return body instanceof Y.Map ? body : undefined
}

export function nodesMap(doc: Y.Doc, at: GraphAt): Y.Map<unknown> | undefined {
  const nodes = graphMap(doc, at)?.get('nodes')
  return nodes instanceof Y.Map && !isSetMap(nodes) ? nodes : undefined
}

export function edgesMap(doc: Y.Doc, at: GraphAt): Y.Map<unknown> | undefined {
  const edges = graphMap(doc, at)?.get('edges')
  return edges instanceof Y.Map && isSetMap(edges) ? edges : undefined
}
