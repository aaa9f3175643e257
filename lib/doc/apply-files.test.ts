import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { fmtFiles } from '../../tests/doc/fmt-files'
import { shopFiles } from '../../tests/doc/shop-files'
import { applyFiles } from './apply-files'
import { exportProject } from './export-project'
import { importProject } from './import-project'

const shop = shopFiles()

/** The Yjs update applyFiles sends collaborators: everything the document gained since `before`. */
function updateSize(doc: Y.Doc, edit: () => void): number {
  const before = Y.encodeStateVector(doc)
  edit()
  return Y.encodeStateAsUpdate(doc, before).length
}

function editJson(files: Record<string, string>, path: string, edit: (v: Record<string, unknown>) => void) {
  const value = JSON.parse(files[path] as string) as Record<string, unknown>
  edit(value)
  return { ...files, [path]: JSON.stringify(value) }
}

describe('applyFiles', () => {
  it('sends nothing when the files are what the document holds', () => {
    const { doc } = importProject(shop)
    let updates = 0
    doc.on('update', () => updates++)
    applyFiles(doc, exportProject(doc))
    applyFiles(doc, shop)
    expect(updates).toBe(0)
  })

  it('restores one changed field as one small update', () => {
    const { doc } = importProject(shop)
    const changed = editJson(shop, 'processes/create-order.process.json', (p) => {
      ;(p.execution as Record<string, unknown>).timeout = '45s'
    })
    const whole = Y.encodeStateAsUpdate(doc).length
    const size = updateSize(doc, () => applyFiles(doc, changed))
    expect(size).toBeLessThan(100)
    expect(whole).toBeGreaterThan(50 * size)
    expect(exportProject(doc)).toEqual(fmtFiles(changed))
  })

  it('edits a changed description in place (a few characters, not the whole text)', () => {
    const { doc } = importProject(shop)
    const changed = editJson(shop, 'infra/databases/orders-db.database.json', (d) => {
      d.description = `${String(d.description)} Now with more.`
    })
    const size = updateSize(doc, () => applyFiles(doc, changed))
    expect(size).toBeLessThan(80)
    expect(exportProject(doc)).toEqual(fmtFiles(changed))
  })

  it('re-imports a rename (name and every reference by name in other files) as a one-field change', () => {
    const { doc } = importProject(shop)
    const renamed: Record<string, string> = {}
    for (const [path, text] of Object.entries(exportProject(doc))) {
      const target = path === 'infra/queues/fulfilment.queue.json' ? 'infra/queues/shipping.queue.json' : path
      renamed[target] = text.replaceAll('"fulfilment"', '"shipping"')
    }
    expect(Object.values(renamed).filter((t) => t.includes('"shipping"')).length).toBeGreaterThan(1)
    const size = updateSize(doc, () => applyFiles(doc, renamed))
    expect(size).toBeLessThan(60)
    expect(exportProject(doc)).toEqual(fmtFiles(renamed))
  })

  it('restores an old version of a spec with small changes per changed operation', () => {
    const { doc } = importProject(shop)
    const path = 'apis/orders.openapi.yaml'
    const changed = { ...shop, [path]: (shop[path] as string).replace(/summary: .*/, 'summary: Changed summary') }
    expect(changed[path]).not.toBe(shop[path])
    const size = updateSize(doc, () => applyFiles(doc, changed))
    expect(size).toBeLessThan(80)
    expect(exportProject(doc)[path]).toBe(fmtFiles(changed)[path])
  })

  it('removes entities whose files are gone and remembers their names for dangling references', () => {
    const { doc } = importProject(shop)
    const without = { ...shop }
    delete without['infra/queues/fulfilment.queue.json']
    applyFiles(doc, without)
    const out = exportProject(doc)
    expect(out['infra/queues/fulfilment.queue.json']).toBeUndefined()
    // create-order still publishes to the queue by its last name.
    expect(out['processes/create-order.process.json']).toContain('"queue": "fulfilment"')
  })
})
