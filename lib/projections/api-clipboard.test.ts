import { describe, expect, it } from 'vitest'
import { shopFiles } from '../../tests/doc/shop-files'
import { exportProject, importProject, type JsonObject, setSpecValue } from '../doc'
import { validateProject } from '../validation'
import { copyApiSelection, planSpecPaste } from './api-clipboard'
import { parseClipboard, pasteIntoFiles } from './clipboard'
import { readApiSpec, readDesign } from './read-design'

const apiIdOf = (files: Record<string, string>, name: string) =>
  (JSON.parse(files['backplane.json'] as string) as { apis: Record<string, { id: string }> }).apis[name]?.id ?? ''
const schema = (props: JsonObject): JsonObject => ({ type: 'object', properties: props })
const rest = (extra: JsonObject = {}): JsonObject => ({
  openapi: '3.1.0',
  info: { title: 'A', version: '1' },
  paths: {
    '/orders': {
      post: {
        operationId: 'createOrder',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } },
        responses: { '201': { description: 'ok' } },
      },
    },
    '/orders/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'getOrder', responses: { '200': { description: 'ok' } } },
      delete: { operationId: 'deleteOrder', responses: { '204': { description: 'gone' } } },
    },
  },
  components: {
    schemas: {
      Order: schema({ items: { type: 'array', items: { $ref: '#/components/schemas/Item' } } }),
      Item: schema({ sku: { type: 'string' } }),
    },
  },
  ...extra,
})

describe('copying API-canvas elements', () => {
  it('takes an operation with everything it refers to, transitively, and survives the clipboard text', () => {
    const payload = copyApiSelection({
      apiType: 'rest',
      spec: rest(),
      selection: ['/paths/~1orders/post'],
      positions: { '/paths/~1orders/post': { x: 10, y: 20 } },
    })
    expect(payload?.elements.map((e) => e.pointer)).toEqual(['/paths/~1orders/post'])
    expect(Object.keys(payload?.references ?? {}).sort()).toEqual([
      '#/components/schemas/Item',
      '#/components/schemas/Order',
    ])
    expect(parseClipboard(JSON.stringify(payload))).toEqual(payload)
  })

  it('copies a path item once even when its operations are selected too, with its path parameters', () => {
    const payload = copyApiSelection({
      apiType: 'rest',
      spec: rest(),
      selection: ['/paths/~1orders~1{id}', '/paths/~1orders~1{id}/get'],
      positions: {},
    })
    expect(payload?.elements.map((e) => e.pointer)).toEqual(['/paths/~1orders~1{id}'])
    const op = copyApiSelection({
      apiType: 'rest',
      spec: rest(),
      selection: ['/paths/~1orders~1{id}/get'],
      positions: {},
    })
    expect(op?.elements[0]?.pathParameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ])
  })
})

describe('planning a paste', () => {
  const copy = (selection: string[], spec = rest()) =>
    copyApiSelection({ apiType: 'rest', spec, selection, positions: { [selection[0] ?? '']: { x: 100, y: 50 } } })

  it('into an empty API: the operation and its schemas, at the same pointers', () => {
    const payload = copy(['/paths/~1orders/post'])
    if (!payload) throw new Error('nothing copied')
    const plan = planSpecPaste({ openapi: '3.1.0', info: { title: 'B', version: '1' }, paths: {} }, 'rest', payload)
    if (!plan.ok) throw new Error(plan.message)
    expect(plan.writes.map((w) => w.pointer).sort()).toEqual([
      '/components/schemas/Item',
      '/components/schemas/Order',
      '/paths/~1orders/post',
    ])
    expect(plan.created).toEqual(['/paths/~1orders/post'])
    expect(plan.positions).toEqual({ '/paths/~1orders/post': { x: 140, y: 90 } })
  })

  it('into its own API: a taken path+method moves to a free path, operationIds stay unique, identical schemas are shared', () => {
    const payload = copy(['/paths/~1orders/post'])
    if (!payload) throw new Error('nothing copied')
    const plan = planSpecPaste(rest(), 'rest', payload)
    if (!plan.ok) throw new Error(plan.message)
    expect(plan.writes).toHaveLength(1)
    expect(plan.writes[0]?.pointer).toBe('/paths/~1orders-copy/post')
    expect(plan.writes[0]?.value).toMatchObject({ operationId: 'createOrder-copy' })
  })

  it('a differing schema of the same name is pasted beside it and every ref follows the new name', () => {
    const payload = copy(['/paths/~1orders/post'])
    if (!payload) throw new Error('nothing copied')
    const target = rest({
      paths: {},
      components: {
        schemas: { Order: schema({ other: { type: 'number' } }), Item: schema({ sku: { type: 'string' } }) },
      },
    })
    const plan = planSpecPaste(target, 'rest', payload)
    if (!plan.ok) throw new Error(plan.message)
    const written = Object.fromEntries(plan.writes.map((w) => [w.pointer, w.value]))
    expect(Object.keys(written).sort()).toEqual(['/components/schemas/Order-copy', '/paths/~1orders/post'])
    expect(JSON.stringify(written['/paths/~1orders/post'])).toContain('"#/components/schemas/Order-copy"')
    // Item is identical in the target: Order-copy keeps pointing at it.
    expect(JSON.stringify(written['/components/schemas/Order-copy'])).toContain('"#/components/schemas/Item"')
  })

  it('a whole path item onto a taken path: a free path with all its operations, renamed ids', () => {
    const payload = copy(['/paths/~1orders~1{id}'])
    if (!payload) throw new Error('nothing copied')
    const plan = planSpecPaste(rest(), 'rest', payload)
    if (!plan.ok) throw new Error(plan.message)
    expect(plan.created).toEqual([
      '/paths/~1orders~1{id}-copy',
      '/paths/~1orders~1{id}-copy/get',
      '/paths/~1orders~1{id}-copy/delete',
    ])
    expect(plan.writes[0]?.value).toMatchObject({
      get: { operationId: 'getOrder-copy' },
      delete: { operationId: 'deleteOrder-copy' },
      parameters: [{ name: 'id' }],
    })
  })

  it('an operation onto a new path brings its path parameters', () => {
    const payload = copy(['/paths/~1orders~1{id}/get'])
    if (!payload) throw new Error('nothing copied')
    const plan = planSpecPaste({ openapi: '3.1.0', info: { title: 'B', version: '1' }, paths: {} }, 'rest', payload)
    if (!plan.ok) throw new Error(plan.message)
    expect(plan.writes.map((w) => w.pointer)).toEqual(['/paths/~1orders~1{id}/parameters', '/paths/~1orders~1{id}/get'])
  })

  it('refuses REST elements on an Event API (and the file paste refuses spec elements), saying where they go', () => {
    const payload = copy(['/paths/~1orders/post'])
    if (!payload) throw new Error('nothing copied')
    expect(planSpecPaste({ asyncapi: '3.0.0' }, 'event', payload)).toEqual({
      ok: false,
      message: "These are REST (OpenAPI) elements: paste them on a REST (OpenAPI) API's canvas.",
    })
    const viaFiles = pasteIntoFiles({}, payload, { canvasKey: 'overview', owners: {}, newId: () => 'x' })
    expect(viaFiles.ok).toBe(false)
  })
})

describe('on the shop example (a live document, then validated)', () => {
  it('an AsyncAPI operation pasted into its own API lands complete and valid, its channel shared', async () => {
    const files = shopFiles()
    const { doc } = importProject(files)
    const apiId = apiIdOf(files, 'order-events')
    const api = readApiSpec(doc, apiId)
    expect(api?.apiType).toBe('event')
    const spec = api?.spec as JsonObject
    const payload = copyApiSelection({
      apiType: 'event',
      spec,
      selection: ['/operations/publishOrderPlaced'],
      positions: {},
    })
    if (!payload) throw new Error('nothing copied')
    expect(Object.keys(payload.references)).toContain('#/channels/orderPlaced')
    const plan = planSpecPaste(spec, 'event', payload)
    if (!plan.ok) throw new Error(plan.message)
    expect(plan.created).toEqual(['/operations/publishOrderPlaced-copy'])
    doc.transact(() => {
      for (const w of plan.writes) expect(setSpecValue(doc, apiId, w.pointer, w.value)).toBe(true)
    })
    const after = readDesign(doc).apis[apiId]?.spec as JsonObject
    expect((after.operations as JsonObject)['publishOrderPlaced-copy']).toEqual(
      (spec.operations as JsonObject).publishOrderPlaced,
    )
    const { problems } = await validateProject(exportProject(doc))
    expect(problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('a REST operation pasted into its own OpenAPI: a free path, a unique operationId, and it validates', async () => {
    const files = shopFiles()
    const { doc } = importProject(files)
    const apiId = apiIdOf(files, 'orders')
    const spec = readDesign(doc).apis[apiId]?.spec as JsonObject
    const payload = copyApiSelection({ apiType: 'rest', spec, selection: ['/paths/~1orders/post'], positions: {} })
    if (!payload) throw new Error('nothing copied')
    const plan = planSpecPaste(spec, 'rest', payload)
    if (!plan.ok) throw new Error(plan.message)
    doc.transact(() => {
      for (const w of plan.writes) setSpecValue(doc, apiId, w.pointer, w.value)
    })
    const text = exportProject(doc)['apis/orders.openapi.yaml'] ?? ''
    expect(text).toContain('/orders-copy:')
    expect(text).toContain('operationId: createOrder-copy')
    const { problems } = await validateProject(exportProject(doc))
    expect(problems.filter((p) => p.severity === 'error')).toEqual([])
  })
})
