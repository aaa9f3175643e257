import type { Edge } from '@xyflow/react'
import { ConnectionMode, getBezierPath, getEdgePosition, type InternalNodeBase } from '@xyflow/system'

/** One edge of the overview: its id, its curve, and whether it is selected (drawn in the accent colour). */
export type OverviewEdgePath = { id: string; d: string; selected: boolean }

/**
 * The SVG path of every drawable edge of a canvas, for the far-zoom overview (see OverviewEdges). Endpoints and
 * curves come from React Flow's own geometry (`getEdgePosition`, `getBezierPath`), so the overview draws each edge
 * where React Flow draws it. An edge whose box was never measured (culled, never shown) is left out, as React Flow
 * leaves it out.
 */
export function overviewEdgePaths(
  edges: readonly Edge[],
  nodeLookup: ReadonlyMap<string, InternalNodeBase>,
): OverviewEdgePath[] {
  const parts: OverviewEdgePath[] = []
  for (const edge of edges) {
    const sourceNode = nodeLookup.get(edge.source)
    const targetNode = nodeLookup.get(edge.target)
    if (!sourceNode || !targetNode || sourceNode.hidden || targetNode.hidden) continue
    const position = getEdgePosition({
      id: edge.id,
      sourceNode,
      sourceHandle: edge.sourceHandle ?? null,
      targetNode,
      targetHandle: edge.targetHandle ?? null,
      connectionMode: ConnectionMode.Strict,
    })
    if (!position) continue
    parts.push({ id: edge.id, d: getBezierPath(position)[0], selected: Boolean(edge.selected) })
  }
  return parts
}
