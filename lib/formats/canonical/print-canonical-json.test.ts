import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseOurJson } from '../parse-our-json'
import { formatKinds, formatTag } from '../schemas'
import { exampleText, loadExamples, reverseKeys } from '../test-support'
import { printCanonicalJson, printPlainJson } from './print-canonical-json'

describe('printCanonicalJson', () => {
  it('prints every example exactly as it is stored (the examples are canonical)', () => {
    for (const ex of loadExamples()) {
      expect(printCanonicalJson(ex.kind, JSON.parse(ex.text)), ex.file).toBe(ex.text)
    }
  })

  it('gives the same bytes whatever the key order and whitespace of the input', () => {
    for (const ex of loadExamples()) {
      const scrambled = reverseKeys(JSON.parse(ex.text), ex.kind)
      expect(printCanonicalJson(ex.kind, scrambled), ex.file).toBe(ex.text)
      const minified = JSON.stringify(JSON.parse(ex.text))
      expect(printCanonicalJson(ex.kind, JSON.parse(minified)), ex.file).toBe(ex.text)
    }
  })

  it('is idempotent: print(parse(print(x))) = print(x)', () => {
    for (const ex of loadExamples()) {
      const once = printCanonicalJson(ex.kind, reverseKeys(JSON.parse(ex.text), ex.kind))
      expect(printCanonicalJson(ex.kind, parseOurJson({ path: ex.path, text: once }).value)).toBe(once)
    }
  })

  it('uses LF, 2-space indent and one trailing newline', () => {
    const out = printCanonicalJson('queue', { format: 'backplane.queue/v1', producers: ['b', 'a'], consumers: {} })
    expect(out).toBe(
      '{\n  "format": "backplane.queue/v1",\n  "producers": [\n    "a",\n    "b"\n  ],\n  "consumers": {}\n}\n',
    )
    expect(out).not.toContain('\r')
  })

  it('puts our keys in schema order, following the oneOf branch named by kind', () => {
    const text = printCanonicalJson('process', {
      nodes: { w: { until: { expr: 'x' }, label: 'W', kind: 'wait', description: 'd' } },
      format: 'backplane.process/v1',
    })
    expect(text.indexOf('"format"')).toBeLessThan(text.indexOf('"nodes"'))
    const order = ['"kind"', '"label"', '"description"', '"until"'].map((k) => text.indexOf(k))
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  it('sorts identifier-keyed maps and keeps transform fields and table columns in the author order', () => {
    const process = printCanonicalJson('process', {
      format: 'backplane.process/v1',
      nodes: {
        zeta: { kind: 'transform', label: 'z', fields: { zz: { expr: '1' }, aa: { expr: '2' } }, output: {} },
        alpha: { kind: 'return', label: 'a', value: { expr: '1' } },
      },
    })
    expect(process.indexOf('"alpha"')).toBeLessThan(process.indexOf('"zeta"'))
    expect(process.indexOf('"zz"')).toBeLessThan(process.indexOf('"aa"'))
    const db = printCanonicalJson('database', {
      format: 'backplane.database/v1',
      tables: {
        t2: {
          columns: { z: { type: 'text', nullable: true }, a: { type: 'text', nullable: true } },
          primaryKey: ['z'],
        },
        t1: { columns: { id: { nullable: false, type: 'uuid' } }, primaryKey: ['id'] },
      },
    })
    expect(db.indexOf('"t1"')).toBeLessThan(db.indexOf('"t2"'))
    expect(db.indexOf('"z": {')).toBeLessThan(db.indexOf('"a": {'))
    expect(db.indexOf('"type": "uuid"')).toBeLessThan(db.indexOf('"nullable": false'))
  })

  it('sorts set-like arrays (edges by from, port, to; capabilities; retrier errors) and keeps sequences', () => {
    const out = JSON.parse(
      printCanonicalJson('process', {
        format: 'backplane.process/v1',
        edges: [
          { from: 'b', port: 'out', to: 'c' },
          { from: 'a', port: 'out', to: 'z' },
          { from: 'a', port: 'out', to: 'b' },
          { from: 'a', port: 'catch-x', to: 'q' },
        ],
        nodes: {
          h: {
            kind: 'http',
            retry: [
              { errors: ['timeout', 'network'], maxAttempts: 2, interval: '1s', backoffRate: 1, jitter: 'none' },
              { errors: ['*'], maxAttempts: 2, interval: '1s', backoffRate: 1, jitter: 'none' },
            ],
            responses: [
              { status: '500', output: false, schema: true },
              { status: '200', output: true, schema: true },
            ],
          },
        },
      }),
    )
    expect(out.edges.map((e: { from: string; port: string; to: string }) => `${e.from} ${e.port} ${e.to}`)).toEqual([
      'a catch-x q',
      'a out b',
      'a out z',
      'b out c',
    ])
    expect(out.nodes.h.retry[0].errors).toEqual(['network', 'timeout'])
    expect(out.nodes.h.retry[1].errors).toEqual(['*'])
    expect(out.nodes.h.responses.map((r: { status: string }) => r.status)).toEqual(['500', '200'])
  })

  it('prints embedded JSON Schemas verbatim, in the author order, even where the key names look like ours', () => {
    const inputs = {
      required: ['b'],
      properties: { b: { type: 'string' }, a: { format: 'x', type: 'number' } },
      type: 'object',
    }
    const text = printCanonicalJson('process', { format: 'backplane.process/v1', inputs })
    expect(JSON.stringify(parseOurJson({ path: 'p', text }).value)).toBe(
      JSON.stringify({ format: 'backplane.process/v1', inputs }),
    )
  })

  it('keeps unknown keys (invalid input) after the known ones, in the author order, and never drops anything', () => {
    const value = { zzz: 1, format: 'backplane.canvas/v1', aaa: { y: 1, x: 2 }, canvases: {} }
    const text = printCanonicalJson('canvas', value)
    expect(text).toBe(
      '{\n  "format": "backplane.canvas/v1",\n  "canvases": {},\n  "zzz": 1,\n  "aaa": {\n    "y": 1,\n    "x": 2\n  }\n}\n',
    )
  })

  it('never de-duplicates a set: duplicates are for validation to report', () => {
    const out = JSON.parse(
      printCanonicalJson('database', { format: 'backplane.database/v1', capabilities: ['crud', 'joins', 'crud'] }),
    )
    expect(out.capabilities).toEqual(['crud', 'crud', 'joins'])
  })

  it('prints values of the wrong type as they are (the printer never throws)', () => {
    expect(printCanonicalJson('process', { nodes: [1, { kind: 'compute' }], edges: 'x', format: 5 })).toBe(
      '{\n  "format": 5,\n  "nodes": [\n    1,\n    {\n      "kind": "compute"\n    }\n  ],\n  "edges": "x"\n}\n',
    )
    expect(printCanonicalJson('manifest', null)).toBe('null\n')
    expect(printPlainJson({ a: [] })).toBe('{\n  "a": []\n}\n')
  })
})

/** Random JSON-ish values placed where our schemas expect maps, sets, embedded schemas and unknown keys. */
const slug = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?$/)
const json = fc.jsonValue({ maxDepth: 3 })
const expression = fc.record({ expr: fc.string({ minLength: 1, maxLength: 8 }) })
const node = fc.oneof(
  fc.record({ kind: fc.constant('compute'), label: fc.string(), expression, output: json }),
  fc.record({
    kind: fc.constant('transform'),
    label: fc.string(),
    fields: fc.dictionary(slug, expression),
    output: json,
  }),
  fc.record(
    { kind: fc.constant('return'), label: fc.string(), value: expression, extra: json },
    { requiredKeys: ['kind'] },
  ),
  fc.record({
    kind: fc.constant('database'),
    label: fc.string(),
    database: slug,
    timeout: fc.constant('1s'),
    operation: fc.oneof(
      fc.record({ op: fc.constant('insert'), table: slug, values: fc.dictionary(slug, expression) }),
      fc.record({ op: fc.constant('find'), table: slug, select: fc.array(slug) }),
    ),
    retry: fc.array(
      fc.record({
        errors: fc.array(fc.constantFrom('*', 'timeout', 'network')),
        maxAttempts: fc.nat(),
        interval: fc.constant('1s'),
      }),
    ),
  }),
  json,
)
const processValue = fc.record(
  {
    format: fc.constant(formatTag.process),
    id: fc.string(),
    name: slug,
    inputs: json,
    nodes: fc.dictionary(slug, node),
    edges: fc.array(fc.record({ from: slug, port: slug, to: slug })),
    unknownKey: json,
  },
  { requiredKeys: ['format'] },
)

describe('printCanonicalJson (property)', () => {
  it('prints the same bytes after parse → print, and after any reordering of keys', () => {
    fc.assert(
      fc.property(processValue, (value) => {
        const once = printCanonicalJson('process', value)
        const parsed = parseOurJson({ path: 'processes/x.process.json', text: once })
        expect(parsed.problems).toEqual([])
        expect(printCanonicalJson('process', parsed.value)).toBe(once)
        expect(printCanonicalJson('process', reverseKeys(value, 'process'))).toBe(once)
      }),
      { numRuns: 300, seed: 20261202 },
    )
  })

  it('keeps every key and value of any JSON value, for every format', () => {
    fc.assert(
      fc.property(fc.constantFrom(...formatKinds), fc.dictionary(fc.string(), json), (kind, value) => {
        const text = printCanonicalJson(kind, value)
        const back = parseOurJson({ path: 'x.json', text }).value as Record<string, unknown>
        expect(Object.keys(back).sort()).toEqual(Object.keys(value).sort())
        for (const k of Object.keys(value))
          expect(JSON.stringify(sortDeep(back[k]))).toBe(JSON.stringify(sortDeep(value[k])))
      }),
      { numRuns: 200, seed: 7 },
    )
  })

  it('reads back the example files unchanged after printing', () => {
    expect(printCanonicalJson('process', JSON.parse(exampleText('create-order.process.json')))).toBe(
      exampleText('create-order.process.json'),
    )
  })
})

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v))
    return v
      .map(sortDeep)
      .map((x) => JSON.stringify(x))
      .sort()
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => [k, sortDeep(x)]),
    )
  }
  return v
}
