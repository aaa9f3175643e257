import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { idIn, shopFiles } from '../../tests/doc/shop-files'
import { applyFiles } from './apply-files'
import { exportProject } from './export-project'
import { importProject } from './import-project'
import { setCanvasGroups, setCanvasPositions } from './set-canvas-positions'

const shop = shopFiles()
const processKey = `process:${idIn(shop, 'processes/create-order.process.json')}`

/** The same moves through the files: edit canvas.json, applyFiles (what the editor did before). */
function viaFiles(files: Record<string, string>, key: string, moves: { key: string; x: number; y: number }[]) {
  const canvas = JSON.parse(files['canvas.json'] ?? '{"format":"backplane.canvas/v1","canvases":{}}')
  canvas.canvases[key] ??= { viewport: { x: 0, y: 0, zoom: 1 }, positions: {}, groups: {} }
  for (const m of moves)
    canvas.canvases[key].positions[m.key] = {
      ...canvas.canvases[key].positions[m.key],
      x: Math.round(m.x),
      y: Math.round(m.y),
    }
  return { ...files, 'canvas.json': `${JSON.stringify(canvas, null, 2)}\n` }
}

describe('setCanvasPositions', () => {
  it('exports exactly what the same move made through canvas.json and applyFiles exports', () => {
    const moves = [
      { key: 'validate', x: 10.4, y: -20.6 },
      { key: 'brand-new-box', x: 300, y: 400 },
    ]
    const direct = importProject(shop).doc
    setCanvasPositions(direct, processKey, moves)
    const through = importProject(shop).doc
    applyFiles(through, viaFiles(exportProject(through), processKey, moves))
    expect(exportProject(direct)).toEqual(exportProject(through))
    const layout = JSON.parse(exportProject(direct)['canvas.json'] as string).canvases[processKey]
    expect(layout.positions['brand-new-box']).toEqual({ x: 300, y: 400 })
    expect(layout.positions.validate).toMatchObject({ x: 10, y: -21 })
  })

  it('creates the canvas section and canvas.json itself when a project has none', () => {
    const files = { ...shop }
    delete files['canvas.json']
    const { doc } = importProject(files)
    setCanvasPositions(doc, 'overview', [{ key: 'prc_x', x: 1, y: 2 }])
    expect(JSON.parse(exportProject(doc)['canvas.json'] as string)).toEqual({
      format: 'backplane.canvas/v1',
      canvases: { overview: { viewport: { x: 0, y: 0, zoom: 1 }, positions: { prc_x: { x: 1, y: 2 } }, groups: {} } },
    })
  })

  it('is one small transaction, undone in one step, and keeps a box’s size', () => {
    const { doc } = importProject(shop)
    setCanvasPositions(doc, processKey, [{ key: 'sized', x: 0, y: 0 }])
    const canvas = JSON.parse(exportProject(doc)['canvas.json'] as string)
    canvas.canvases[processKey].positions.sized = { x: 0, y: 0, width: 120, height: 40 }
    applyFiles(doc, { ...exportProject(doc), 'canvas.json': `${JSON.stringify(canvas)}\n` })
    const origin = { local: true }
    const undo = new Y.UndoManager(doc.getMap('canvas'), { trackedOrigins: new Set([origin]) })
    const before = Y.encodeStateVector(doc)
    setCanvasPositions(doc, processKey, [{ key: 'sized', x: 50, y: 60 }], origin)
    expect(Y.encodeStateAsUpdate(doc, before).byteLength).toBeLessThan(200)
    const moved = JSON.parse(exportProject(doc)['canvas.json'] as string).canvases[processKey].positions.sized
    expect(moved).toEqual({ x: 50, y: 60, width: 120, height: 40 })
    undo.undo()
    const back = JSON.parse(exportProject(doc)['canvas.json'] as string).canvases[processKey].positions.sized
    expect(back).toEqual({ x: 0, y: 0, width: 120, height: 40 })
  })
})

describe('setCanvasGroups', () => {
  it('exports exactly what the same groups written through canvas.json and applyFiles export, and replaces them', () => {
    const groups = {
      grp_a: { label: 'Pricing', box: { x: 0, y: -40, width: 300, height: 200 }, members: ['total', 'validate'] },
    }
    const direct = importProject(shop).doc
    setCanvasGroups(direct, processKey, groups)
    const through = importProject(shop).doc
    const files = exportProject(through)
    const canvas = JSON.parse(files['canvas.json'] as string)
    canvas.canvases[processKey] ??= { viewport: { x: 0, y: 0, zoom: 1 }, positions: {}, groups: {} }
    canvas.canvases[processKey].groups = groups
    applyFiles(through, { ...files, 'canvas.json': `${JSON.stringify(canvas, null, 2)}\n` })
    expect(exportProject(direct)).toEqual(exportProject(through))
    setCanvasGroups(direct, processKey, {})
    expect(JSON.parse(exportProject(direct)['canvas.json'] as string).canvases[processKey].groups).toEqual({})
  })
})
