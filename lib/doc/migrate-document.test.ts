import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { fmtFiles } from '../../tests/doc/fmt-files'
import { shopFiles } from '../../tests/doc/shop-files'
import { exportProject } from './export-project'
import { importProject } from './import-project'
import { LAYOUT_VERSION } from './layout'
import { migrateDocument, V0_FOLDER } from './migrate-document'

describe('migrateDocument', () => {
  it('migrates a synthetic v0 document (the folder as texts) to the current layout', () => {
    const files = shopFiles()
    const v0 = new Y.Doc()
    const folder = v0.getMap<Y.Text>(V0_FOLDER)
    for (const [path, text] of Object.entries(files)) folder.set(path, new Y.Text(text))
    // A v0 document travels as an update, like one read back from the update log.
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(v0))
    const result = migrateDocument(loaded)
    expect(result).toMatchObject({ from: 0, to: LAYOUT_VERSION })
    expect(loaded.getMap('meta').get('layoutVersion')).toBe(LAYOUT_VERSION)
    expect(loaded.getMap(V0_FOLDER).size).toBe(0)
    expect(exportProject(loaded)).toEqual(fmtFiles(files))
  })

  it('leaves a current document untouched (no update)', () => {
    const { doc } = importProject(shopFiles())
    let updates = 0
    doc.on('update', () => updates++)
    expect(migrateDocument(doc)).toEqual({ from: LAYOUT_VERSION, to: LAYOUT_VERSION, problems: [] })
    expect(updates).toBe(0)
  })

  it('refuses, with a problem, a document from a newer layout', () => {
    const doc = new Y.Doc()
    doc.getMap('meta').set('layoutVersion', LAYOUT_VERSION + 1)
    const result = migrateDocument(doc)
    expect(result.to).toBe(LAYOUT_VERSION + 1)
    expect(result.problems.map((p) => p.rule)).toEqual(['doc.layout.newer'])
  })
})
