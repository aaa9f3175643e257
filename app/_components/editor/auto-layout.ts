'use client'
import type { CanvasProjection } from '../../../lib/projections'

/**
 * Positions for every box of a canvas from ELK's layered algorithm (left to right, edges as drawn). Box sizes are
 * what React Flow measured, else a typical box. Computed on demand; the caller writes the result once, as one
 * undoable edit. elkjs is loaded only when asked for.
 */
export async function autoLayout(
  projection: CanvasProjection,
  sizes: ReadonlyMap<string, { width: number; height: number }>,
): Promise<Array<{ key: string; x: number; y: number }>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js')
  const elk = new ELK()
  const ids = new Set(projection.nodes.map((n) => n.id))
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
    },
    children: projection.nodes.map((n) => ({
      id: n.id,
      width: sizes.get(n.id)?.width ?? 200,
      height: sizes.get(n.id)?.height ?? 64,
    })),
    edges: projection.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  })
  return (graph.children ?? []).map((c) => ({ key: c.id, x: c.x ?? 0, y: c.y ?? 0 }))
}
