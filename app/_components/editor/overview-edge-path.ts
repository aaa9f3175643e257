import type { Edge } from '@xyflow/react'
import { ConnectionMode, getBezierPath, getEdgePosition, type InternalNodeBase } from '@xyflow/system'

/** A rectangle in flow coordinates. */
export type FlowBounds = { left: number; top: number; right: number; bottom: number }

/**
 * One edge of the overview: its id, its curve (SVG path data), a rectangle the curve stays inside (for skipping
 * edges out of view), and whether it is selected (drawn in the accent colour).
 */
export type OverviewEdgePath = { id: string; d: string; bounds: FlowBounds; selected: boolean }

/**
 * A rectangle holding React Flow's bezier between two points: a cubic stays inside the hull of its control points,
 * and React Flow puts each control point at most half the distance out from its end (`calculateControlOffset`:
 * half the distance forward, 0.25 × 25 × √distance backward, curvature 0.25), along either axis.
 */
function curveBounds(sx: number, sy: number, tx: number, ty: number): FlowBounds {
  const reach = (d: number) => Math.max(d / 2, 6.25 * Math.sqrt(d)) + 1
  const padX = reach(Math.abs(tx - sx))
  const padY = reach(Math.abs(ty - sy))
  return {
    left: Math.min(sx, tx) - padX,
    top: Math.min(sy, ty) - padY,
    right: Math.max(sx, tx) + padX,
    bottom: Math.max(sy, ty) + padY,
  }
}

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
    parts.push({
      id: edge.id,
      d: getBezierPath(position)[0],
      bounds: curveBounds(position.sourceX, position.sourceY, position.targetX, position.targetY),
      selected: Boolean(edge.selected),
    })
  }
  return parts
}
