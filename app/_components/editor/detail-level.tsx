'use client'
import { type ReactFlowState, useStore } from '@xyflow/react'
import { type RefObject, useLayoutEffect } from 'react'

/**
 * Below this zoom a box's secondary text and an edge's label are under 4 px high: canvas.css hides them, and the
 * edges are drawn by the overview (OverviewEdges) instead of React Flow.
 */
const LOW_DETAIL_ZOOM = 0.3
export const lowDetail = (s: ReactFlowState) => s.transform[2] < LOW_DETAIL_ZOOM

/**
 * Marks the canvas element with the level of detail for its zoom (`data-detail="low"` far out). An attribute set
 * here, not a prop on every box: the boxes never re-render for it, and this renders only when the level changes.
 */
export function DetailLevel(props: { target: RefObject<HTMLDivElement | null> }) {
  const low = useStore(lowDetail)
  useLayoutEffect(() => {
    const element = props.target.current
    if (!element) return
    if (low) element.dataset.detail = 'low'
    else delete element.dataset.detail
  }, [low, props.target])
  return null
}
