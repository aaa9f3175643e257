import { describe, expect, it } from 'vitest'
import { diffProjects } from './diff-projects'
import { formatDiff } from './format-diff'

const manifest = (apis: Record<string, { id: string; file: string }>, name = 'shop') =>
  `${JSON.stringify({ format: 'backplane.project/v1', id: 'prj_1', name, apis: Object.fromEntries(Object.entries(apis).map(([k, v]) => [k, { ...v, type: 'rest' }])) }, null, 2)}\n`

const spec = (paths: string[]) =>
  `${JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: Object.fromEntries(paths.map((p) => [p, { get: { responses: { '200': { description: 'ok' } } } }])) }, null, 2)}\n`

const process = (name: string) =>
  `${JSON.stringify({ format: 'backplane.process/v1', id: 'prc_1', name, type: 'calculation', nodes: {}, edges: [] }, null, 2)}\n`

const project = () => ({
  'backplane.json': manifest({ orders: { id: 'api_1', file: 'apis/orders.openapi.json' } }),
  'apis/orders.openapi.json': spec(['/orders', '/orders/{id}']),
  'processes/get-order.process.json': process('get-order'),
  'canvas.json': '{"format":"backplane.canvas/v1","canvases":{}}\n',
})

describe('diffProjects', () => {
  it('finds nothing between equal projects', () => {
    expect(diffProjects(project(), project())).toEqual({ changes: [], breaking: 0 })
  })

  it('matches entities by id: a renamed, moved process is one name change plus a move', () => {
    const after: Record<string, string> = { ...project(), 'processes/read-order.process.json': process('read-order') }
    delete after['processes/get-order.process.json']
    const diff = diffProjects(project(), after)
    expect(diff.changes.map((c) => [c.area, c.kind, c.field, c.file])).toEqual([
      ['process', 'changed', 'file', 'processes/read-order.process.json'],
      ['process', 'changed', 'name', 'processes/read-order.process.json'],
    ])
  })

  it('flags a removed API surface once, and operation removals inside a kept one', () => {
    const noApi = { ...project(), 'backplane.json': manifest({}) }
    delete (noApi as Record<string, string>)['apis/orders.openapi.json']
    const removed = diffProjects(project(), noApi)
    expect(removed.changes.map((c) => [c.element, c.breaking])).toEqual([['api orders', 'api-removed']])
    const fewer = diffProjects(project(), { ...project(), 'apis/orders.openapi.json': spec(['/orders']) })
    expect(fewer.breaking).toBe(1)
    expect(fewer.changes[0]).toMatchObject({ area: 'api', entity: 'orders', breaking: 'operation-removed' })
  })

  it('reports layout as one change and unknown files as text', () => {
    const after = {
      ...project(),
      'canvas.json': '{"format":"backplane.canvas/v1","canvases":{"overview":{}}}\n',
      'notes.md': 'hello\n',
    }
    expect(diffProjects(project(), after).changes.map((c) => [c.area, c.kind, c.file])).toEqual([
      ['canvas', 'changed', 'canvas.json'],
      ['file', 'added', 'notes.md'],
    ])
  })

  it('never throws on files that do not parse', () => {
    const broken = { ...project(), 'apis/orders.openapi.json': '{ nope', 'processes/get-order.process.json': '{' }
    const diff = diffProjects(project(), broken)
    expect(diff.changes.map((c) => c.message)).toEqual([
      'apis/orders.openapi.json changed (one version is not a readable spec)',
      'processes/get-order.process.json changed (one version does not parse)',
    ])
    expect(diffProjects({}, broken).changes.length).toBeGreaterThan(0)
  })

  it('prints changes grouped by file with breaking ones marked', () => {
    const diff = diffProjects(project(), { ...project(), 'apis/orders.openapi.json': spec(['/orders', '/items']) })
    expect(formatDiff(diff)).toBe(
      'apis/orders.openapi.json\n' +
        '  - operation GET /orders/{id} removed  BREAKING (operation-removed)\n' +
        '  + operation GET /items added\n' +
        '2 changes, 1 breaking\n',
    )
    expect(formatDiff(diffProjects(project(), project()))).toBe('no changes\n')
  })
})
