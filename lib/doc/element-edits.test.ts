import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { fmtFiles } from '../../tests/doc/fmt-files'
import { idIn, shopFiles } from '../../tests/doc/shop-files'
import { addEdge, removeEdge } from './add-edge'
import { addProcessNode } from './add-process-node'
import { applyFiles } from './apply-files'
import { exportProject } from './export-project'
import { getProblemsElementIds } from './get-problems-element-ids'
import { importProject } from './import-project'
import { readObject } from './read-tree'
import { removeEntity } from './remove-entity'
import { removeNode } from './remove-node'
import { renameEntity } from './rename-entity'
import { setNodeField } from './set-node-field'
import { setSpecValue } from './set-spec-value'

const shop = shopFiles()
const createOrder = 'processes/create-order.process.json'
const processId = idIn(shop, createOrder)
const queueId = idIn(shop, 'infra/queues/fulfilment.queue.json')

function processJson(files: Record<string, string>, path = createOrder) {
  return JSON.parse(files[path] as string)
}

describe('element edits', () => {
  it('renameEntity is one field change in the document and a multi-file change in the export', () => {
    const { doc } = importProject(shop)
    const before = Y.encodeStateVector(doc)
    expect(renameEntity(doc, 'queue', queueId, 'shipping')).toBe(true)
    expect(Y.encodeStateAsUpdate(doc, before).length).toBeLessThan(40)
    const out = exportProject(doc)
    expect(out['infra/queues/fulfilment.queue.json']).toBeUndefined()
    expect(JSON.parse(out['infra/queues/shipping.queue.json'] as string).name).toBe('shipping')
    expect(processJson(out).nodes.publish.queue).toBe('shipping')
    expect(out['processes/fulfil-order.process.json']).toContain('"queue": "shipping"')
    expect(renameEntity(doc, 'queue', 'que_missing', 'x')).toBe(false)
  })

  it('a rename merges with a concurrent new reference to the renamed entity', () => {
    const { doc: a } = importProject(shop)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    renameEntity(a, 'queue', queueId, 'shipping')
    addProcessNode(b, { processId }, 'notify', {
      kind: 'queue-publish',
      label: 'Notify',
      queue: queueId,
      message: { expr: 'input' },
      timeout: '5s',
    })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const out = exportProject(a)
    expect(exportProject(b)).toEqual(out)
    expect(processJson(out).nodes.notify.queue).toBe('shipping')
    expect(processJson(out).nodes.publish.queue).toBe('shipping')
  })

  it('addProcessNode, setNodeField, addEdge edit one graph; node ids are never reused', () => {
    const { doc } = importProject(shop)
    expect(
      addProcessNode(doc, { processId }, 'audit', {
        kind: 'compute',
        label: 'Audit',
        expression: { expr: '1' },
        output: {},
      }),
    ).toBe(true)
    expect(addProcessNode(doc, { processId }, 'audit', { kind: 'return', label: '', value: { expr: '1' } })).toBe(false)
    expect(setNodeField(doc, { processId }, 'audit', 'description', 'Writes an audit line.')).toBe(true)
    expect(setNodeField(doc, { processId }, 'audit', 'label', 'Audit trail')).toBe(true)
    expect(addEdge(doc, { processId }, { from: 'respond', port: 'out', to: 'audit' })).toBe(true)
    const p = processJson(exportProject(doc))
    expect(p.nodes.audit).toEqual({
      kind: 'compute',
      label: 'Audit trail',
      description: 'Writes an audit line.',
      expression: { expr: '1' },
      output: {},
    })
    expect(p.edges).toContainEqual({ from: 'respond', port: 'out', to: 'audit' })
    expect(removeEdge(doc, { processId }, { from: 'respond', port: 'out', to: 'audit' })).toBe(true)
    expect(processJson(exportProject(doc)).edges).not.toContainEqual({ from: 'respond', port: 'out', to: 'audit' })
    expect(setNodeField(doc, { processId }, 'audit', 'description', undefined)).toBe(true)
    expect(processJson(exportProject(doc)).nodes.audit.description).toBeUndefined()
  })

  it('edits nodes inside a for-each body', () => {
    const { doc } = importProject(shop)
    const at = { processId, parent: 'lines' }
    expect(addProcessNode(doc, at, 'extra', { kind: 'return', label: 'x', value: { expr: 'item' } })).toBe(true)
    expect(processJson(exportProject(doc)).nodes.lines.body.nodes.extra.kind).toBe('return')
  })

  it('removeNode removes its edges and reports who read it', () => {
    const { doc } = importProject(shop)
    const before = processJson(shop)
    const touching = before.edges.filter((e: { from: string; to: string }) => e.from === 'total' || e.to === 'total')
    const dependents = removeNode(doc, { processId }, 'total')
    expect(dependents?.edges).toHaveLength(touching.length)
    const readers = Object.entries(before.nodes)
      .filter(([id, n]) => id !== 'total' && JSON.stringify(n).includes('nodes.total'))
      .map(([id]) => id)
    expect(dependents?.readBy).toEqual(readers.sort())
    const after = processJson(exportProject(doc))
    expect(after.nodes.total).toBeUndefined()
    expect(after.edges).toHaveLength(before.edges.length - touching.length)
    expect(removeNode(doc, { processId }, 'total')).toBeUndefined()
  })

  it('setSpecValue changes one key of an operation, or a part of a whole value', () => {
    const { doc } = importProject(shop)
    const apiId = JSON.parse(shop['backplane.json'] as string).apis.orders.id as string
    const api = doc.getMap('apis').get(apiId) as Y.Map<unknown>
    const spec = readObject(api.get('spec') as Y.Map<unknown>) as { paths: Record<string, Record<string, unknown>> }
    const [path, item] = Object.entries(spec.paths)[0] as [string, Record<string, unknown>]
    const method = Object.keys(item).find((k) => ['get', 'post', 'put', 'delete', 'patch'].includes(k)) as string
    const pointer = `/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}`
    const before = Y.encodeStateVector(doc)
    expect(setSpecValue(doc, apiId, `${pointer}/summary`, 'New summary')).toBe(true)
    expect(Y.encodeStateAsUpdate(doc, before).length).toBeLessThan(60)
    expect(setSpecValue(doc, apiId, `${pointer}/x-internal`, true)).toBe(true)
    expect(setSpecValue(doc, apiId, `${pointer}/responses/599`, { description: 'odd' })).toBe(true)
    expect(setSpecValue(doc, apiId, `${pointer}/responses/599/description`, 'very odd')).toBe(true)
    const after = readObject(api.get('spec') as Y.Map<unknown>) as typeof spec
    const op = after.paths[path]?.[method] as Record<string, unknown>
    expect(op.summary).toBe('New summary')
    expect(Object.keys(op).at(-1)).toBe('x-internal')
    expect((op.responses as Record<string, unknown>)['599']).toEqual({ description: 'very odd' })
    expect(setSpecValue(doc, apiId, `${pointer}/x-internal`, undefined)).toBe(true)
    expect(setSpecValue(doc, apiId, 'no-slash', 1)).toBe(false)
    expect(setSpecValue(doc, 'api_missing', '/info', 1)).toBe(false)
  })

  it('removeEntity leaves dangling references that export with the last name', () => {
    const { doc } = importProject(shop)
    expect(removeEntity(doc, 'queue', queueId)).toBe(true)
    const out = exportProject(doc)
    expect(out['infra/queues/fulfilment.queue.json']).toBeUndefined()
    expect(processJson(out).nodes.publish.queue).toBe('fulfilment')
  })

  it('getProblemsElementIds anchors file problems to element ids and pointers', () => {
    const { doc } = importProject(shop)
    const [located, whole, manifest] = getProblemsElementIds(doc, [
      {
        severity: 'error',
        code: 'x',
        rule: 'r',
        message: 'm',
        hint: '',
        file: createOrder,
        pointer: '/nodes/save/timeout',
      },
      { severity: 'error', code: 'x', rule: 'r', message: 'm', hint: '', file: createOrder, pointer: '' },
      { severity: 'error', code: 'x', rule: 'r', message: 'm', hint: '', file: 'backplane.json', pointer: '/name' },
    ])
    expect(located?.elementId).toBe(`${processId}#/nodes/save/timeout`)
    expect(whole?.elementId).toBe(processId)
    expect(manifest?.elementId).toBeUndefined()
  })

  it('export stays fmt of the files after edits are undone by applyFiles', () => {
    const { doc } = importProject(shop)
    renameEntity(doc, 'process', processId, 'place-order')
    removeNode(doc, { processId }, 'save')
    applyFiles(doc, shop)
    expect(exportProject(doc)).toEqual(fmtFiles(shop))
  })
})
