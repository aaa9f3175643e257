import { describe, expect, it } from 'vitest'
import type { Problem } from '../../problems'
import { printCanonicalJson } from '../canonical/print-canonical-json'
import { exampleText, loadExamples, positionOf } from '../test-support'
import { validateFormatFile, validateFormatValue } from './validate-format-file'

const processPath = 'processes/create-order.process.json'

const DELETE = Symbol('delete')
type Edit = [pointer: string, value: unknown]

/** The example process with edits (pointer → new value, or DELETE) applied, printed canonically. */
function processText(...edits: Edit[]): string {
  const value: unknown = JSON.parse(exampleText('create-order.process.json'))
  for (const [pointer, v] of edits) {
    const segments = pointer.slice(1).split('/')
    const last = segments.pop()!
    let parent = value
    for (const s of segments) parent = (parent as Record<string, unknown>)[s]
    const target = parent as Record<string, unknown>
    if (v === DELETE) delete target[last]
    else target[last] = v
  }
  return printCanonicalJson('process', value)
}

function only(problems: Problem[], rule: string): Problem {
  const found = problems.filter((p) => p.rule === rule)
  expect(found, JSON.stringify(problems, null, 2)).toHaveLength(1)
  return found[0]!
}

describe('validateFormatFile', () => {
  it('accepts every example', () => {
    for (const ex of loadExamples()) {
      const r = validateFormatFile({ path: ex.path, text: ex.text })
      expect(r.problems, ex.file).toEqual([])
      expect(r.valid).toBe(true)
      expect(r.kind).toBe(ex.kind)
    }
  })

  it('refuses an unknown path, naming the file and what is expected', () => {
    const r = validateFormatFile({ path: 'processes/a.json', text: '{}' })
    expect(r.kind).toBeUndefined()
    expect(r.problems[0]).toMatchObject({ rule: 'files.unknown-path', file: 'processes/a.json' })
    expect(r.problems[0]?.hint).toMatch(/processes\/<name>\.process\.json/)
    const other = validateFormatFile({ path: 'notes.txt', text: '' })
    expect(other.problems[0]?.message).toBe('notes.txt is not a Backplane file')
    expect(other.problems[0]?.hint).toMatch(/backplane\.json/)
  })

  it('reports bad JSON syntax with its line and column', () => {
    const r = validateFormatFile({ path: processPath, text: '{\n  "format": "backplane.process/v1",\n  "id" "x"\n}' })
    expect(r.value).toBeUndefined()
    expect(r.problems[0]).toMatchObject({ rule: 'json.syntax', file: processPath, line: 3, column: 8 })
  })

  it('refuses a future version without touching the schema', () => {
    const text = processText(['/format', 'backplane.process/v7'], ['/somethingNew', true])
    const r = validateFormatFile({ path: processPath, text })
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({
      rule: 'format.future-version',
      pointer: '/format',
      ...positionOf(text, '"backplane.process/v7"'),
    })
    expect(r.problems[0]?.message).toMatch(/v7, newer than this Backplane reads \(up to v1\)/)
  })

  it('refuses an unknown version, a missing format, a foreign format and a format of another kind', () => {
    const v0 = validateFormatFile({ path: processPath, text: processText(['/format', 'backplane.process/v0']) })
    expect(v0.problems[0]).toMatchObject({ rule: 'format.unknown-version' })
    const missing = validateFormatFile({ path: processPath, text: processText(['/format', DELETE]) })
    expect(missing.problems[0]).toMatchObject({ rule: 'format.missing', line: 1, column: 1 })
    const foreign = validateFormatFile({ path: processPath, text: processText(['/format', 'openapi']) })
    expect(foreign.problems[0]).toMatchObject({ rule: 'format.unknown', line: 2 })
    const other = validateFormatFile({ path: processPath, text: exampleText('fulfilment.queue.json') })
    expect(other.problems[0]).toMatchObject({ rule: 'format.wrong-kind' })
    expect(other.problems[0]?.message).toMatch(
      /backplane\.queue file, but processes\/create-order\.process\.json must hold a backplane\.process file/,
    )
  })

  it('upgrades an older version through the format folder hook (synthetic v0)', () => {
    const text = processText(['/format', 'backplane.process/v0'], ['/title', 'create-order'], ['/name', DELETE])
    const r = validateFormatFile({
      path: processPath,
      text,
      upgradeSteps: {
        process: {
          0: ({ title, ...rest }) => ({ ...rest, format: 'backplane.process/v1', name: title }),
        },
      },
    })
    expect(r.upgradedFrom).toBe(0)
    expect(r.valid).toBe(true)
    expect(r.problems.map((p) => p.rule)).toEqual(['format.upgraded'])
    expect(r.value).toEqual(JSON.parse(exampleText('create-order.process.json')))
  })

  it('requires the file name to be <name>.<kind>.json', () => {
    const r = validateFormatFile({
      path: 'processes/make-order.process.json',
      text: exampleText('create-order.process.json'),
    })
    const p = only(r.problems, 'files.name-mismatch')
    expect(p).toMatchObject({ pointer: '/name', line: 4, column: 11 })
    expect(p.hint).toBe('Rename the file to processes/create-order.process.json, or set "name" to "make-order".')
  })

  it('collapses a node oneOf into the branch named by kind, located at the offending value', () => {
    const text = processText(
      ['/nodes/summarize/label', 42],
      ['/nodes/summarize/output', DELETE],
      ['/nodes/summarize/colour', 'red'],
    )
    const r = validateFormatFile({ path: processPath, text })
    expect(r.problems.map((x) => x.rule).sort()).toEqual([
      'schema.additionalProperties',
      'schema.required',
      'schema.type',
    ])
    const type = only(r.problems, 'schema.type')
    expect(type).toMatchObject({ pointer: '/nodes/summarize/label', message: 'nodes.summarize.label must be a string' })
    const at = positionOf(text, '"label": 42')
    expect(type).toMatchObject({ line: at.line, column: at.column + 9 })
    const req = only(r.problems, 'schema.required')
    expect(req.message).toBe('nodes.summarize.output is required')
    const extra = only(r.problems, 'schema.additionalProperties')
    expect(extra).toMatchObject({ pointer: '/nodes/summarize/colour', ...positionOf(text, '"colour"') })
    expect(extra.hint).toMatch(/^Allowed here: kind, label, description, fields, output/)
  })

  it('says which kinds exist when kind is unknown or missing', () => {
    const text = processText(['/nodes/done/kind', 'finish'], ['/nodes/announce/kind', DELETE])
    const r = validateFormatFile({ path: processPath, text })
    expect(r.problems).toHaveLength(2)
    const kinds =
      'compute, transform, condition, for-each, database, http, queue-publish, call-process, wait, return, fail'
    const bad = r.problems.find((x) => x.pointer === '/nodes/done/kind')!
    expect(bad.message).toBe(`nodes.done.kind must be one of ${kinds}, not "finish"`)
    expect(bad).toMatchObject({ rule: 'schema.oneOf', ...positionOf(text, '"finish"') })
    const missing = r.problems.find((x) => x.pointer === '/nodes/announce')!
    expect(missing.message).toBe(`nodes.announce needs a "kind": one of ${kinds}`)
  })

  it('explains a database operation error inside the op branch, and nested for-each nodes', () => {
    const text = processText(
      ['/nodes/save-order/operation/values', 'all'],
      ['/nodes/price-lines/body/nodes/line-total/expression', { expr: '' }],
    )
    const r = validateFormatFile({ path: processPath, text })
    expect(r.problems.map((x) => `${x.rule} ${x.pointer}`).sort()).toEqual([
      'schema.minLength /nodes/price-lines/body/nodes/line-total/expression/expr',
      'schema.type /nodes/save-order/operation/values',
    ])
    expect(r.problems.find((x) => x.rule === 'schema.type')?.message).toBe(
      'nodes.save-order.operation.values must be an object',
    )
  })

  it('explains type/model/trigger combinations with the reason', () => {
    const text = processText(['/type', 'background-job'])
    const r = validateFormatFile({ path: processPath, text })
    const p = only(r.problems, 'schema.enum')
    expect(p.message).toBe('execution.model must be one of async, scheduled because type is "background-job"')
    const q = validateFormatFile({
      path: processPath,
      text: processText(['/execution/model', 'scheduled'], ['/type', 'background-job']),
    })
    expect(q.problems.map((x) => x.message)).toContain(
      'execution.trigger.kind must be "schedule" because model is "scheduled"',
    )
  })

  it('gives enum, pattern, minimum, uniqueItems and propertyNames errors in plain words with hints', () => {
    const text = processText(
      ['/type', 'lambda'],
      ['/id', 'prc_1'],
      ['/nodes/price-lines/maxConcurrency', 0],
      ['/nodes/charge/retry/0/errors', ['network', 'network']],
      ['/nodes/Announce', { kind: 'return', label: 'A', value: { expr: '1' } }],
      ['/execution/timeout', 'soon'],
    )
    const r = validateFormatFile({ path: processPath, text })
    const byRule = Object.fromEntries(r.problems.map((p) => [`${p.rule} ${p.pointer}`, p]))
    expect(byRule['schema.enum /type']?.message).toBe(
      'type must be one of calculation, database-workflow, background-job, queue-consumer, orchestrated-workflow',
    )
    expect(byRule['schema.enum /type']).toMatchObject(positionOf(text, '"lambda"'))
    expect(byRule['schema.pattern /id']?.hint).toBe('A process id is "prc_" followed by 16-32 letters and digits.')
    expect(byRule['schema.pattern /execution/timeout']?.hint).toMatch(/e\.g\. "30s"/)
    expect(byRule['schema.minimum /nodes/price-lines/maxConcurrency']?.message).toBe(
      'nodes.price-lines.maxConcurrency must be at least 1',
    )
    expect(byRule['schema.uniqueItems /nodes/charge/retry/0/errors']?.message).toMatch(/lists the same value twice/)
    const key = byRule['schema.propertyNames /nodes/Announce']
    expect(key).toMatchObject(positionOf(text, '"Announce"'))
    expect(key?.hint).toBe('A node id is a lowercase slug, e.g. "load-order".')
    for (const p of r.problems) {
      expect(p.file).toBe(processPath)
      expect(p.line).toBeGreaterThan(0)
      expect(p.column).toBeGreaterThan(0)
    }
  })

  it('explains the required-only oneOfs (schedule cron | interval, wait duration | until) and not-rules', () => {
    const text = processText(
      ['/type', 'background-job'],
      [
        '/execution',
        {
          model: 'scheduled',
          trigger: { kind: 'schedule', cron: '0 3 * * *', interval: '1h', timeZone: 'UTC', overlap: 'skip' },
          timeout: '1m',
        },
      ],
      ['/nodes/pause', { kind: 'wait', label: 'Pause' }],
    )
    const r = validateFormatFile({ path: processPath, text })
    const msgs = r.problems.map((p) => p.message)
    expect(msgs).toContain('execution.trigger needs exactly one of: cron, interval (it has more than one)')
    expect(msgs).toContain('nodes.pause needs exactly one of: duration, until')
    const body = validateFormatFile({
      path: processPath,
      text: processText(['/execution/trigger/request/customerId/name', 'x']),
    })
    expect(body.problems.map((p) => p.message)).toEqual([
      'execution.trigger.request.customerId.name is not allowed here because from is "body"',
    ])
  })

  it('validates embedded JSON Schemas against the 2020-12 meta-schema', () => {
    const text = processText(['/inputs/properties/items/minItems', -1], ['/outputs/success/type', 'objekt'])
    const r = validateFormatFile({ path: processPath, text })
    const pointers = r.problems.map((p) => p.pointer).sort()
    expect(pointers).toEqual(['/inputs/properties/items/minItems', '/outputs/success/type'])
    const t = r.problems.find((p) => p.pointer === '/outputs/success/type')!
    expect(t).toMatchObject({ rule: 'json-schema.anyOf', ...positionOf(text, '"objekt"') })
    expect(t.hint).toMatch(/"string", "number"/)
  })

  it('words the size limits (minItems, maxLength, minProperties, maximum, exclusiveMinimum) and locates them', () => {
    const process = processText(['/nodes/check-items/cases', []], ['/nodes/done/label', 'x'.repeat(201)])
    const p = validateFormatFile({ path: processPath, text: process })
    const byPointer = Object.fromEntries(p.problems.map((x) => [x.pointer, x]))
    expect(byPointer['/nodes/check-items/cases']).toMatchObject({
      rule: 'schema.minItems',
      message: 'nodes.check-items.cases must have at least 1 item',
      ...positionOf(process, '[]'),
    })
    expect(byPointer['/nodes/done/label']).toMatchObject({
      rule: 'schema.maxLength',
      message: 'nodes.done.label must have at most 200 characters',
    })
    const db = JSON.parse(exampleText('orders-db.database.json'))
    db.connection.poolSize = 101
    db.tables.orders.columns = {}
    const dbText = printCanonicalJson('database', db)
    const d = validateFormatFile({ path: 'infra/databases/orders-db.database.json', text: dbText })
    expect(d.problems.map((x) => `${x.rule} ${x.pointer} ${x.line}:${x.column} ${x.message}`)).toEqual([
      `schema.maximum /connection/poolSize ${positionOf(dbText, '101').line}:${positionOf(dbText, '101').column} connection.poolSize must be at most 100`,
      `schema.minProperties /tables/orders/columns ${positionOf(dbText, '{}').line}:${positionOf(dbText, '{}').column} tables.orders.columns must have at least 1 entry`,
    ])
    const canvas = JSON.parse(exampleText('canvas.json'))
    canvas.canvases.overview.viewport.zoom = 0
    const canvasText = printCanonicalJson('canvas', canvas)
    const c = validateFormatFile({ path: 'canvas.json', text: canvasText })
    expect(c.problems).toEqual([
      expect.objectContaining({
        rule: 'schema.exclusiveMinimum',
        pointer: '/canvases/overview/viewport/zoom',
        message: 'canvases.overview.viewport.zoom must be greater than 0',
        ...positionOf(canvasText, '"zoom": 0'),
        column: positionOf(canvasText, '"zoom": 0').column + 8,
      }),
    ])
  })

  it('validates a value without text (HTTP body, document export): same rules, pointers, no positions', () => {
    const value = JSON.parse(exampleText('fulfilment.queue.json'))
    expect(validateFormatValue({ kind: 'queue', value }).problems).toEqual([])
    value.consumers['ship-order'].concurrency = 0
    const r = validateFormatValue({ kind: 'queue', value })
    expect(r.valid).toBe(false)
    expect(r.problems).toEqual([
      {
        severity: 'error',
        code: 'schema-minimum',
        rule: 'schema.minimum',
        message: 'consumers.ship-order.concurrency must be at least 1',
        hint: 'Deliveries to this consumer running at once.',
        pointer: '/consumers/ship-order/concurrency',
      },
    ])
    const named = validateFormatValue({
      kind: 'queue',
      value: JSON.parse(exampleText('fulfilment.queue.json')),
      file: 'infra/queues/other.queue.json',
    })
    expect(named.problems.map((p) => `${p.rule} ${p.file}`)).toEqual([
      'files.name-mismatch infra/queues/other.queue.json',
    ])
  })

  it('never throws on odd top-level values', () => {
    for (const text of ['[]', '1', '"x"', 'null', '{"format": 3}']) {
      const r = validateFormatFile({ path: 'canvas.json', text })
      expect(r.valid, text).toBe(false)
      expect(r.problems.length, text).toBeGreaterThan(0)
    }
  })
})
