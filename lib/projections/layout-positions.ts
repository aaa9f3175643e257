import type { JsonObject } from '../doc'

/** Saved box of an element on one canvas, or undefined when the layout has none (then a default grid slot). */
export function savedPosition(
  canvas: JsonObject,
  canvasKey: string,
  elementKey: string,
): { x: number; y: number } | undefined {
  const canvases = canvas.canvases
  if (!canvases || typeof canvases !== 'object' || Array.isArray(canvases)) return undefined
  const layout = canvases[canvasKey]
  if (!layout || typeof layout !== 'object' || Array.isArray(layout)) return undefined
  const positions = layout.positions
  if (!positions || typeof positions !== 'object' || Array.isArray(positions)) return undefined
  const box = positions[elementKey]
  if (!box || typeof box !== 'object' || Array.isArray(box)) return undefined
  return typeof box.x === 'number' && typeof box.y === 'number' ? { x: box.x, y: box.y } : undefined
}

/** A deterministic default slot: column by lane, row by index (no layout is ever inferred into the files). */
export function gridSlot(lane: number, index: number): { x: number; y: number } {
  return { x: lane * 280, y: index * 110 }
}
