import * as Y from 'yjs'
import { canvasShape } from './format-shapes'
import { appendKey } from './insert-key'
import { isJsonObject, type JsonObject } from './json-value'
import { PRESENT_KEY, ROOT } from './layout'
import { escapeKey } from './ordered-map'
import { readValue } from './read-tree'
import { fieldShape, type Shape } from './shape'
import { writeField } from './write-tree'

const CANVAS_FORMAT = 'backplane.canvas/v1'

export type PositionMove = { key: string; x: number; y: number }

/** The object map under `key`, written from `initial` (with its shape) when absent or not an object. */
function childObject(parent: Y.Map<unknown>, key: string, shape: Shape, initial: JsonObject): Y.Map<unknown> {
  const stored = escapeKey(key)
  const current = parent.get(stored)
  if (current instanceof Y.Map) return current
  writeField(parent, stored, initial, shape)
  if (current === undefined) appendKey(parent, key)
  return parent.get(stored) as Y.Map<unknown>
}

/**
 * Moves boxes of one canvas (`overview`, `api:<id>`, `process:<id>`) in canvas.json — the layout a drag end or an
 * auto-layout writes — straight into the document: the same Yjs change `applyFiles` would make for that edited
 * canvas.json, without exporting the whole project first (≈ 0.5 s on a 500-node process). Positions are rounded to
 * whole pixels; a box's other fields (width, height) are kept. One transaction (one undo step with `origin`).
 */
export function setCanvasPositions(
  doc: Y.Doc,
  canvasKey: string,
  moves: readonly PositionMove[],
  origin?: unknown,
): void {
  doc.transact(() => {
    const { layout, layoutShape } = canvasLayout(doc, canvasKey)
    const positionsShape = fieldShape(layoutShape, 'positions')
    const positions = childObject(layout, 'positions', positionsShape, {})
    for (const move of moves) {
      const stored = escapeKey(move.key)
      const current = positions.get(stored)
      const value = current === undefined ? undefined : readValue(current)
      const box: JsonObject = isJsonObject(value) ? { ...value } : {}
      box.x = Math.round(move.x)
      box.y = Math.round(move.y)
      writeField(positions, stored, box, fieldShape(positionsShape, move.key))
      if (current === undefined) appendKey(positions, move.key)
    }
  }, origin)
}

/**
 * Replaces the groups of one canvas in canvas.json (`{ <groupId>: { label, box, members } }`) straight into the
 * document, like setCanvasPositions: the change `applyFiles` would make for that edited canvas.json, without
 * exporting the project. One transaction (one undo step with `origin`).
 */
export function setCanvasGroups(doc: Y.Doc, canvasKey: string, groups: JsonObject, origin?: unknown): void {
  doc.transact(() => {
    const { layout, layoutShape } = canvasLayout(doc, canvasKey)
    const stored = escapeKey('groups')
    const isNew = layout.get(stored) === undefined
    writeField(layout, stored, groups, fieldShape(layoutShape, 'groups'))
    if (isNew) appendKey(layout, 'groups')
  }, origin)
}

/** The layout map of one canvas, with canvas.json's format and the canvas section created when absent. */
function canvasLayout(doc: Y.Doc, canvasKey: string): { layout: Y.Map<unknown>; layoutShape: Shape } {
  const canvas = doc.getMap<unknown>(ROOT.canvas)
  if (canvas.get(escapeKey('format')) === undefined) {
    writeField(canvas, escapeKey('format'), CANVAS_FORMAT, fieldShape(canvasShape, 'format'))
    appendKey(canvas, 'format')
  }
  if (canvas.get(PRESENT_KEY) !== true) canvas.set(PRESENT_KEY, true)
  const canvasesShape = fieldShape(canvasShape, 'canvases')
  const canvases = childObject(canvas, 'canvases', canvasesShape, {})
  const layoutShape = fieldShape(canvasesShape, canvasKey)
  const layout = childObject(canvases, canvasKey, layoutShape, {
    viewport: { x: 0, y: 0, zoom: 1 },
    positions: {},
    groups: {},
  })
  return { layout, layoutShape }
}
