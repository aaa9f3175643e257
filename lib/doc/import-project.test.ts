import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { fmtFiles } from '../../tests/doc/fmt-files'
import { idIn, shopFiles } from '../../tests/doc/shop-files'
import { exportProject } from './export-project'
import { importProject } from './import-project'
import { LAYOUT_VERSION } from './layout'
import { readObject } from './read-tree'

const shop = shopFiles()
const createOrder = 'processes/create-order.process.json'

function processMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  return doc.getMap('processes').get(id) as Y.Map<unknown>
}

describe('importProject', () => {
  it('writes the current layout version and one entity per id', () => {
    const { doc, problems } = importProject(shop)
    expect(doc.getMap('meta').get('layoutVersion')).toBe(LAYOUT_VERSION)
    expect(problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(doc.getMap('processes').has(idIn(shop, createOrder))).toBe(true)
    expect(doc.getMap('databases').has(idIn(shop, 'infra/databases/orders-db.database.json'))).toBe(true)
  })

  it('stores references by id', () => {
    const { doc } = importProject(shop)
    const nodes = readObject(processMap(doc, idIn(shop, createOrder))).nodes as Record<string, Record<string, unknown>>
    expect(nodes.save?.database).toBe(idIn(shop, 'infra/databases/orders-db.database.json'))
    expect(nodes.publish?.queue).toBe(idIn(shop, 'infra/queues/fulfilment.queue.json'))
    const queue = readObject(
      doc.getMap('queues').get(idIn(shop, 'infra/queues/fulfilment.queue.json')) as Y.Map<unknown>,
    )
    expect(queue.producers).toEqual([idIn(shop, createOrder)])
  })

  it('keeps a name that resolves to nothing as { unresolved }, reports it, and exports it as written', () => {
    const process = JSON.parse(shop[createOrder] as string)
    process.nodes.save.database = 'no-such-db'
    const files = { ...shop, [createOrder]: JSON.stringify(process) }
    const { doc, problems } = importProject(files)
    const nodes = readObject(processMap(doc, process.id)).nodes as Record<string, Record<string, unknown>>
    expect(nodes.save?.database).toEqual({ unresolved: 'no-such-db' })
    expect(problems).toContainEqual(
      expect.objectContaining({ rule: 'doc.reference.unresolved', file: createOrder, elementId: process.id }),
    )
    expect(exportProject(doc)).toEqual(fmtFiles(files))
  })

  it('stores prose as Y.Text and whole small values as they are', () => {
    const { doc } = importProject(shop)
    const process = processMap(doc, idIn(shop, createOrder))
    expect(process.get('description')).toBeInstanceOf(Y.Text)
    const nodes = process.get('nodes') as Y.Map<unknown>
    expect(nodes.get('save')).toBeInstanceOf(Y.Map)
    expect(typeof (nodes.get('save') as Y.Map<unknown>).get('timeout')).toBe('string')
  })

  it('keeps a process file whose path does not follow its name where it was', () => {
    const files = { ...shop }
    files['processes/elsewhere.process.json'] = files[createOrder] as string
    delete files[createOrder]
    const out = exportProject(importProject(files).doc)
    expect(Object.keys(out)).toContain('processes/elsewhere.process.json')
    expect(out).toEqual(fmtFiles(files))
  })
})
