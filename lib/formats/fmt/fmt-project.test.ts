import { describe, expect, it } from 'vitest'
import { exampleProject } from '../test-support'
import { checkFmt, fmtProject } from './fmt-project'

describe('fmtProject', () => {
  it('leaves a canonical project unchanged', () => {
    const files = exampleProject()
    const r = fmtProject(files)
    expect(r.changed).toEqual([])
    expect(r.problems).toEqual([])
    expect(r.files).toEqual(files)
    expect(checkFmt(files)).toEqual({ ok: true, changed: [], problems: [] })
  })

  it('re-prints our JSON canonically and reports what changed; fmt is idempotent', () => {
    const files = exampleProject()
    const canonical = files['processes/create-order.process.json']!
    files['processes/create-order.process.json'] = JSON.stringify(JSON.parse(canonical))
    files['canvas.json'] = files['canvas.json']!.replaceAll('\n', '\r\n')
    const r = fmtProject(files)
    expect(r.changed).toEqual(['canvas.json', 'processes/create-order.process.json'])
    expect(r.files['processes/create-order.process.json']).toBe(canonical)
    expect(fmtProject(r.files).changed).toEqual([])
    const check = checkFmt(files)
    expect(check.ok).toBe(false)
    expect(check.problems.map((p) => `${p.rule} ${p.file}`)).toEqual([
      'fmt.not-canonical canvas.json',
      'fmt.not-canonical processes/create-order.process.json',
    ])
  })

  it('re-prints specs with the spec module, keeping their serialization', () => {
    const files = exampleProject()
    files['apis/orders.openapi.yaml'] = files['apis/orders.openapi.yaml']!.replace('openapi: 3.1.0', "openapi: '3.1.0'")
    const r = fmtProject(files)
    expect(r.changed).toEqual(['apis/orders.openapi.yaml'])
    expect(r.files['apis/orders.openapi.yaml']).toMatch(/^openapi: 3\.1\.0\n/)
  })

  it('warns that re-printing a YAML spec drops its comments', () => {
    const files = exampleProject()
    files['apis/orders.openapi.yaml'] = `# the orders API\n${files['apis/orders.openapi.yaml']}`
    const r = fmtProject(files)
    expect(r.changed).toEqual(['apis/orders.openapi.yaml'])
    expect(r.problems.map((p) => `${p.severity} ${p.rule} ${p.file}`)).toEqual([
      'warning spec.yaml.comments apis/orders.openapi.yaml',
    ])
    expect(fmtProject(r.files).problems).toEqual([])
  })

  it('leaves unparsable and future-version files untouched, reports them, and loses nothing', () => {
    const files = exampleProject()
    files['processes/bad.process.json'] = '{ "format": "backplane.process/v1", '
    files['infra/queues/next.queue.json'] = '{"format":"backplane.queue/v2","z":1,"a":2}'
    files['notes/todo.txt'] = 'keep me'
    const r = fmtProject(files)
    expect(r.files['processes/bad.process.json']).toBe(files['processes/bad.process.json'])
    expect(r.files['infra/queues/next.queue.json']).toBe(files['infra/queues/next.queue.json'])
    expect(r.files['notes/todo.txt']).toBe('keep me')
    expect(Object.keys(r.files).sort()).toEqual(Object.keys(files).sort())
    expect(r.problems.map((p) => `${p.rule} ${p.file}`)).toEqual([
      'format.future-version infra/queues/next.queue.json',
      'json.syntax processes/bad.process.json',
    ])
    expect(checkFmt(files).ok).toBe(false)
  })

  it('formats schema-invalid files too, keeping their unknown keys', () => {
    const r = fmtProject({
      'canvas.json': '{"zz": 1, "canvases": {"b": {}, "a": {}}, "format": "backplane.canvas/v1"}',
    })
    expect(r.files['canvas.json']).toBe(
      '{\n  "format": "backplane.canvas/v1",\n  "canvases": {\n    "a": {},\n    "b": {}\n  },\n  "zz": 1\n}\n',
    )
  })
})
