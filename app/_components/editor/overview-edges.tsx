'use client'
import { type ReactFlowState, useStore } from '@xyflow/react'
import { useMemo } from 'react'
import { createPortal } from 'react-dom'
import { lowDetail } from './detail-level'
import { overviewEdgePaths } from './overview-edge-path'
import { useViewportPortal } from './viewport-portal'

// The user's boxes change on a drag step, a measurement or an edit; the lookup is their internal form.
const nodesOf = (s: ReactFlowState) => s.nodes
const edgesOf = (s: ReactFlowState) => s.edges
const nodeLookupOf = (s: ReactFlowState) => s.nodeLookup

/**
 * Far zoomed out (data-detail="low"), the canvas's edges drawn as paths of one SVG under the boxes, while canvas.css
 * hides React Flow's own edges. React Flow draws each edge as an SVG of its own, with its own stacking context and
 * hit area: on a 1,500-box API canvas, layerization and hit testing of a few hundred of them took twice the main
 * thread's time per pan and zoom frame that one SVG takes (traced in bench/canvas; docs/decisions/editor.md). The
 * overview is a view: it reads only the store React Flow already holds, and takes no pointer events (an edge of a
 * process is picked at a closer zoom, where React Flow's own edges show; a selected one is drawn selected here).
 */
export function OverviewEdges() {
  const low = useStore(lowDetail)
  const target = useViewportPortal()
  if (!low || !target) return null
  return createPortal(<OverviewPath />, target)
}

function OverviewPath() {
  const nodes = useStore(nodesOf)
  const edges = useStore(edgesOf)
  const nodeLookup = useStore(nodeLookupOf)
  // The lookup is updated in place; `nodes` is a new list whenever a box moves or is measured, so it is the key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `nodes` stands for the lookup's in-place updates
  const paths = useMemo(() => overviewEdgePaths(edges, nodeLookup), [nodes, edges, nodeLookup])
  return (
    <svg className="overview-edges" data-testid="overview-edges" aria-hidden="true">
      {paths.map((p) => (
        <path key={p.id} d={p.d} className={p.selected ? 'selected' : undefined} />
      ))}
    </svg>
  )
}
