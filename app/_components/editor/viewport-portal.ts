import { type ReactFlowState, useStore } from '@xyflow/react'
import { useMemo } from 'react'

const domNodeOf = (s: ReactFlowState) => s.domNode

/**
 * The viewport's portal layer (flow coordinates: it pans and zooms with the boxes), found once per canvas. Not
 * `ViewportPortal`: its store selector runs `querySelector` on every store update (every drag step, every box
 * change), for every canvas.
 */
export function useViewportPortal(): Element | null {
  const domNode = useStore(domNodeOf)
  return useMemo(() => domNode?.querySelector('.react-flow__viewport-portal') ?? null, [domNode])
}
