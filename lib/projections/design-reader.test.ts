import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { idIn, shopFiles } from '../../tests/doc/shop-files'
import { applyFiles, importProject, renameEntity, setNodeField, setSpecValue } from '../doc'
import { createDesignReader } from './design-reader'
import { readDesign } from './read-design'

const shop = shopFiles()
const processId = idIn(shop, 'processes/create-order.process.json')
const databaseId = idIn(shop, 'infra/databases/orders-db.database.json')
const apiId = (() => {
  const manifest = JSON.parse(shop['backplane.json'] as string) as {
    apis: Record<string, { id: string; type: string }>
  }
  const rest = Object.values(manifest.apis).find((a) => a.type === 'rest')
  if (!rest) throw new Error('shop has no REST API')
  return rest.id
})()

describe('createDesignReader', () => {
  it('reads what readDesign reads, after each kind of edit, and keeps untouched entities identical', () => {
    const { doc } = importProject(shop)
    const reader = createDesignReader(doc)
    const first = reader.read()
    expect(first).toEqual(readDesign(doc))
    expect(reader.read()).toBe(first)

    setNodeField(doc, { processId }, 'total', 'label', 'Sum of the order')
    const second = reader.read()
    expect(second).toEqual(readDesign(doc))
    expect(second.processes[processId]?.nodes).not.toBe(first.processes[processId]?.nodes)
    expect(second.apis).toBe(first.apis)
    expect(second.databases[databaseId]).toBe(first.databases[databaseId])

    setSpecValue(doc, apiId, '/info/description', 'Orders, live')
    const third = reader.read()
    expect(third).toEqual(readDesign(doc))
    expect(third.processes).toBe(second.processes)

    renameEntity(doc, 'database', databaseId, 'sales-db')
    expect(reader.read()).toEqual(readDesign(doc))
    reader.dispose()
  })

  it('follows remote updates and a whole re-import', () => {
    const { doc } = importProject(shop)
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
    const reader = createDesignReader(peer)
    reader.read()
    const edit = (change: () => void) => {
      const before = Y.encodeStateVector(peer)
      change()
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, before))
    }
    edit(() => setNodeField(doc, { processId }, 'total', 'label', 'Remote label'))
    expect(reader.read()).toEqual(readDesign(peer))
    const files = { ...shop }
    delete files['infra/databases/orders-db.database.json']
    edit(() => applyFiles(doc, files))
    const after = reader.read()
    expect(after).toEqual(readDesign(peer))
    expect(after.databases[databaseId]).toBeUndefined()
  })
})
