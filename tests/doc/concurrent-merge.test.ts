import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addProcessNode,
  exportProject,
  importProject,
  readObject,
  removeEntity,
  setNodeField,
  setSpecValue,
} from '../../lib/doc'
import { validateProject } from '../../lib/validation'
import { idIn, shopFiles } from './shop-files'

// Granularity, as people feel it: concurrent edits to different operations, schemas, nodes or fields of the same
// file merge (DESIGN §2, issue 2 part 5). Each case: two peers from one state, one edit each, exchange, compare.

const shop = shopFiles()
const processId = idIn(shop, 'processes/create-order.process.json')
const apiId = (JSON.parse(shop['backplane.json'] as string) as { apis: Record<string, { id: string }> }).apis.orders
  ?.id as string

function twoPeers(): [Y.Doc, Y.Doc] {
  const { doc } = importProject(shop)
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(doc))
  return [doc, b]
}

function exchange(a: Y.Doc, b: Y.Doc): Record<string, string> {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, toB)
  Y.applyUpdate(a, toA)
  const files = exportProject(a)
  expect(exportProject(b)).toEqual(files)
  return files
}

function spec(doc: Y.Doc): {
  paths: Record<string, Record<string, Record<string, unknown>>>
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> }
} {
  return readObject((doc.getMap('apis').get(apiId) as Y.Map<unknown>).get('spec') as Y.Map<unknown>) as never
}

function firstOperation(doc: Y.Doc): { pointer: string; path: string; method: string } {
  const [path, item] = Object.entries(spec(doc).paths)[0] as [string, Record<string, unknown>]
  const method = Object.keys(item).find((k) => ['get', 'post', 'put', 'delete', 'patch'].includes(k)) as string
  return { pointer: `/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}`, path, method }
}

describe('concurrent edits merge', () => {
  it('two fields of one operation', () => {
    const [a, b] = twoPeers()
    const op = firstOperation(a)
    setSpecValue(a, apiId, `${op.pointer}/summary`, 'From A')
    setSpecValue(b, apiId, `${op.pointer}/x-owner`, 'team-b')
    exchange(a, b)
    const merged = spec(a).paths[op.path]?.[op.method] as Record<string, unknown>
    expect(merged.summary).toBe('From A')
    expect(merged['x-owner']).toBe('team-b')
  })

  it('two responses of one operation', () => {
    const [a, b] = twoPeers()
    const op = firstOperation(a)
    setSpecValue(a, apiId, `${op.pointer}/responses/418`, { description: 'teapot' })
    setSpecValue(b, apiId, `${op.pointer}/responses/503`, { description: 'busy' })
    exchange(a, b)
    const responses = spec(a).paths[op.path]?.[op.method]?.responses as Record<string, unknown>
    expect(responses['418']).toEqual({ description: 'teapot' })
    expect(responses['503']).toEqual({ description: 'busy' })
  })

  it('two people typing in one description (a Y.Text)', () => {
    const [a, b] = twoPeers()
    setSpecValue(a, apiId, '/info/description', 'Orders.')
    exchange(a, b)
    const textOf = (doc: Y.Doc) =>
      (
        ((doc.getMap('apis').get(apiId) as Y.Map<unknown>).get('spec') as Y.Map<unknown>).get('info') as Y.Map<unknown>
      ).get('description') as Y.Text
    expect(textOf(a)).toBeInstanceOf(Y.Text)
    textOf(a).insert(0, 'A: ')
    textOf(b).insert(textOf(b).length, ' (B)')
    exchange(a, b)
    expect(textOf(a).toString()).toBe('A: Orders. (B)')
  })

  it('two properties of one schema', () => {
    const [a, b] = twoPeers()
    const name = Object.keys(spec(a).components.schemas)[0] as string
    setSpecValue(a, apiId, `/components/schemas/${name}/properties/fromA`, { type: 'string' })
    setSpecValue(b, apiId, `/components/schemas/${name}/properties/fromB`, { type: 'integer' })
    exchange(a, b)
    const properties = spec(a).components.schemas[name]?.properties as Record<string, unknown>
    expect(properties.fromA).toEqual({ type: 'string' })
    expect(properties.fromB).toEqual({ type: 'integer' })
  })

  it('two fields of one process node, and two new nodes', () => {
    const [a, b] = twoPeers()
    setNodeField(a, { processId }, 'save', 'label', 'Save it')
    setNodeField(b, { processId }, 'save', 'timeout', '9s')
    addProcessNode(a, { processId }, 'from-a', { kind: 'return', label: 'a', value: { expr: '1' } })
    addProcessNode(b, { processId }, 'from-b', { kind: 'return', label: 'b', value: { expr: '2' } })
    const files = exchange(a, b)
    const nodes = JSON.parse(files['processes/create-order.process.json'] as string).nodes
    expect(nodes.save.label).toBe('Save it')
    expect(nodes.save.timeout).toBe('9s')
    expect(Object.keys(nodes)).toEqual(expect.arrayContaining(['from-a', 'from-b']))
  })

  it('an invalid merge (a new reference to a database someone deleted) exports, and validation reports it', async () => {
    const [a, b] = twoPeers()
    const databaseId = idIn(shop, 'infra/databases/orders-db.database.json')
    removeEntity(a, 'database', databaseId)
    setNodeField(b, { processId }, 'save', 'timeout', '7s')
    const files = exchange(a, b)
    expect(files['infra/databases/orders-db.database.json']).toBeUndefined()
    const save = JSON.parse(files['processes/create-order.process.json'] as string).nodes.save
    expect(save).toMatchObject({ database: 'orders-db', timeout: '7s' })
    const { problems } = await validateProject(files, { validateSpecs: false })
    expect(
      problems.some(
        (p) =>
          p.severity === 'error' &&
          p.file === 'processes/create-order.process.json' &&
          p.pointer.startsWith('/nodes/save'),
      ),
    ).toBe(true)
  })
})
