import { describe, expect, it } from 'vitest'
import { idIn, shopFiles } from '../../tests/doc/shop-files'
import { applyFiles, exportProject, importProject } from '../doc'
import { canvasGroups } from './canvas-groups'
import { processCanvas, processCanvasKey } from './process-canvas'
import { OVERVIEW_KEY, projectOverview } from './project-overview'
import { readDesign } from './read-design'

const shop = shopFiles()
const processId = idIn(shop, 'processes/create-order.process.json')
const databaseId = idIn(shop, 'infra/databases/orders-db.database.json')
const grp = 'grp_0123456789abcdefABCDEF'

/** The shop with `groups` written into canvas.json for `key`, imported as a live document. */
function withGroups(key: string, groups: Record<string, unknown>) {
  const canvas = JSON.parse(shop['canvas.json'] ?? '{"format":"backplane.canvas/v1","canvases":{}}')
  canvas.canvases[key] ??= { viewport: { x: 0, y: 0, zoom: 1 }, positions: {}, groups: {} }
  canvas.canvases[key].groups = groups
  return importProject({ ...shop, 'canvas.json': `${JSON.stringify(canvas, null, 2)}\n` }).doc
}

describe('canvas groups in the projections', () => {
  it('reads a process canvas’s groups from canvas.json, members as stored (a set: sorted)', () => {
    const doc = withGroups(processCanvasKey(processId), {
      [grp]: { label: 'Checks', box: { x: 10, y: 20, width: 300, height: 200 }, members: ['total', 'check'] },
    })
    const projection = processCanvas(readDesign(doc), processId)
    expect(projection.groups).toEqual([
      { id: grp, label: 'Checks', box: { x: 10, y: 20, width: 300, height: 200 }, members: ['check', 'total'] },
    ])
  })

  it('drops members that are no longer boxes of the canvas, and groups left empty', () => {
    const other = 'grp_ZYXWVUTSRQPONMLKJIHGFE'
    const doc = withGroups(OVERVIEW_KEY, {
      [grp]: { label: 'Data', box: { x: 0, y: 0 }, members: [databaseId, 'prc_deleted0000000000000'] },
      [other]: { label: 'Gone', box: { x: 0, y: 0 }, members: ['que_deleted0000000000000'] },
    })
    const overview = projectOverview(readDesign(doc))
    expect(overview.groups).toEqual([{ id: grp, label: 'Data', box: { x: 0, y: 0 }, members: [databaseId] }])
    // Deleting the database (a re-import without its file) leaves the group with nothing to frame.
    const files = exportProject(doc)
    delete files['infra/databases/orders-db.database.json']
    applyFiles(doc, files)
    expect(projectOverview(readDesign(doc)).groups).toEqual([])
  })

  it('is empty for canvases without groups and ignores malformed entries', () => {
    expect(processCanvas(readDesign(importProject(shop).doc), processId).groups).toEqual([])
    const canvas = { canvases: { overview: { groups: { [grp]: 'not a group', grp_b: { members: 'x' } } } } }
    expect(canvasGroups(canvas, OVERVIEW_KEY, new Set(['x']))).toEqual([])
  })
})
