'use client'
import { type ReactFlowState, useStore, useStoreApi } from '@xyflow/react'
import { useEffect, useRef } from 'react'
import { lowDetail } from './detail-level'
import { type OverviewEdgePath, overviewEdgePaths } from './overview-edge-path'

/**
 * Far zoomed out (data-detail="low"), the canvas's edges drawn on one `<canvas>` under the boxes, while canvas.css
 * hides React Flow's own edges. React Flow draws each edge as an SVG of its own; far out a few hundred are in view,
 * and their layerization, hit testing and raster were most of every pan and zoom frame of a 1,500-box API canvas.
 * One SVG of paths halved the main thread's part but not the raster, which re-rastered every path of the SVG on
 * each zoom step; the canvas strokes only the edges in view, once per frame that changes them (traced in
 * bench/canvas; docs/decisions/editor.md). The overview is a view: it reads only the store React Flow already
 * holds and takes no pointer events (an edge of a process is picked at a closer zoom, where React Flow's own edges
 * show; a selected one is drawn selected here).
 */
export function OverviewEdges() {
  const low = useStore(lowDetail)
  return low ? <OverviewCanvas /> : null
}

/** What a frame's drawing depends on; a store update that changes none of it draws nothing. */
const drawnFrom = (s: ReactFlowState) => [s.transform, s.nodes, s.edges, s.width, s.height] as const

function OverviewCanvas() {
  const store = useStoreApi()
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const canvas = ref.current
    const context = canvas?.getContext('2d')
    if (!canvas || !context) return
    const style = getComputedStyle(canvas)
    const stroke = style.getPropertyValue('--xy-edge-stroke-default').trim() || '#b1b1b7'
    const accent = style.getPropertyValue('--accent').trim() || '#4f46e5'
    // The curves change when a box moves or is measured, or the edges change; not on a pan or zoom step.
    let curves: Array<OverviewEdgePath & { path: Path2D }> = []
    let curvesOf: readonly unknown[] = []
    let frame = 0
    let last: readonly unknown[] = []
    const draw = () => {
      frame = 0
      const state = store.getState()
      const inputs = drawnFrom(state)
      if (inputs.every((x, i) => x === last[i])) return
      last = inputs
      if (state.nodes !== curvesOf[0] || state.edges !== curvesOf[1]) {
        curvesOf = [state.nodes, state.edges]
        curves = overviewEdgePaths(state.edges, state.nodeLookup).map((c) => ({ ...c, path: new Path2D(c.d) }))
      }
      const [x, y, zoom] = state.transform
      const ratio = window.devicePixelRatio || 1
      const width = Math.round(state.width * ratio)
      const height = Math.round(state.height * ratio)
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width
        canvas.height = height
      }
      context.setTransform(1, 0, 0, 1, 0, 0)
      context.clearRect(0, 0, width, height)
      context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * x, ratio * y)
      // In flow coordinates: the part of the canvas on screen.
      const view = {
        left: -x / zoom,
        top: -y / zoom,
        right: (state.width - x) / zoom,
        bottom: (state.height - y) / zoom,
      }
      let drawn = 0
      let selected = 0
      // Edges a hairline (1 px on screen, React Flow's 1 unit would be a tenth of a pixel far out), selected ones
      // 2 px in the accent colour, last, over the others.
      for (const pass of [false, true]) {
        context.strokeStyle = pass ? accent : stroke
        context.lineWidth = (pass ? 2 : 1) / zoom
        for (const c of curves) {
          const b = c.bounds
          if (c.selected !== pass || b.right < view.left || b.left > view.right) continue
          if (b.bottom < view.top || b.top > view.bottom) continue
          context.stroke(c.path)
          drawn++
          if (pass) selected++
        }
      }
      // What was drawn, for the e2e tests (two attributes per drawn frame, no layout).
      canvas.dataset.edges = String(drawn)
      canvas.dataset.selectedEdges = String(selected)
    }
    // Drawn in the frame that shows the change: a pan or zoom step updates the store in the input event, before
    // the animation frame in which React Flow's viewport moves too.
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw)
    }
    const unsubscribe = store.subscribe(schedule)
    schedule()
    return () => {
      unsubscribe()
      cancelAnimationFrame(frame)
    }
  }, [store])
  return <canvas ref={ref} className="overview-edges" data-testid="overview-edges" />
}
