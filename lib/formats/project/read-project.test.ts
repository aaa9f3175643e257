import { describe, expect, it } from 'vitest'
import { exampleProject, ordersOpenApi } from '../test-support'
import { readProject } from './read-project'

describe('readProject', () => {
  it('reads the example project: manifest, both specs, process, database, queue and canvas', () => {
    const { project, problems } = readProject(exampleProject())
    expect(problems).toEqual([])
    expect(project.manifest?.value.name).toBe('Shop')
    expect(project.apis.map((a) => [a.name, a.surface.type, a.spec?.kind])).toEqual([
      ['order-events', 'event', 'asyncapi'],
      ['orders', 'rest', 'openapi'],
    ])
    expect(project.processes.map((p) => p.value.name)).toEqual(['create-order'])
    expect(project.databases.map((d) => d.value.name)).toEqual(['orders-db'])
    expect(project.queues.map((q) => q.value.name)).toEqual(['fulfilment'])
    expect(project.canvas?.path).toBe('canvas.json')
    expect(project.processes[0]?.sourceMap.locate('/nodes/charge')?.line).toBeGreaterThan(1)
    expect(project.invalid).toEqual([])
  })

  it('keeps invalid files aside instead of dropping them, and reports their problems', () => {
    const files = exampleProject()
    files['infra/queues/broken.queue.json'] = '{ "format": "backplane.queue/v1", "name": "broken" }'
    files['processes/bad.process.json'] = '{ nope'
    const { project, problems } = readProject(files)
    expect(project.invalid.map((f) => f.path)).toEqual(['infra/queues/broken.queue.json'])
    expect(project.queues.map((q) => q.value.name)).toEqual(['fulfilment'])
    expect(problems.some((p) => p.file === 'processes/bad.process.json' && p.rule === 'json.syntax')).toBe(true)
    expect(problems.some((p) => p.file === 'infra/queues/broken.queue.json' && p.rule === 'schema.required')).toBe(true)
  })

  it('reports a missing manifest, a missing spec, a spec of the wrong kind, unlisted specs and unknown files', () => {
    const files = exampleProject()
    delete files['apis/orders.openapi.yaml']
    files['apis/order-events.asyncapi.yaml'] = ordersOpenApi
    files['apis/extra.openapi.yaml'] = ordersOpenApi
    files['README.md'] = '# shop'
    files['.git/HEAD'] = 'ref: refs/heads/main'
    const { problems } = readProject(files)
    const rules = problems.map((p) => `${p.severity} ${p.rule} ${p.file}`)
    expect(rules).toEqual([
      'warning files.unknown-path README.md',
      'error files.spec-kind backplane.json',
      'error files.missing-spec backplane.json',
      'warning files.unlisted-spec apis/extra.openapi.yaml',
    ])
    const missing = problems.find((p) => p.rule === 'files.missing-spec')!
    expect(missing).toMatchObject({ pointer: '/apis/orders/file' })
    expect(missing.line).toBeGreaterThan(1)
    const none = readProject({})
    expect(none.problems.map((p) => p.rule)).toEqual(['files.missing-manifest'])
  })
})
