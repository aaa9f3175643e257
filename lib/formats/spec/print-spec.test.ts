import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { oasExamples } from '../../../tests/fixtures/specs/oas-examples'
import { readSpecFixture, validAsyncApiFixtures } from '../../../tests/fixtures/specs/spec-fixtures'
import { parseSpecText } from './parse-spec-text'
import { printSpec } from './print-spec'
import type { Spec } from './spec'
import { firstSpecDifference } from './specs-equal-with-key-order'

function parseOrThrow(path: string, text: string): Spec {
  const r = parseSpecText({ path, text })
  if (!r.spec) throw new Error(`${path}: ${JSON.stringify(r.problems)}`)
  return r.spec
}

/** The law for specs: fmt is idempotent and printing loses nothing, key order included. */
function expectRoundTrip(path: string, text: string) {
  const spec = parseOrThrow(path, text)
  const printed = printSpec(spec)
  const again = parseOrThrow(path, printed)
  expect(again.serialization).toBe(spec.serialization)
  expect(firstSpecDifference(spec.document, again.document), path).toBeUndefined()
  expect(printSpec(again), path).toBe(printed)
}

describe('printSpec', () => {
  it('prints JSON with 2-space indent and one trailing LF', () => {
    const spec = parseOrThrow('a.json', '{"openapi":"3.1.0","info":{"title":"T","version":"1"},"x":[1,{"b":null}]}')
    expect(printSpec(spec)).toBe(
      '{\n  "openapi": "3.1.0",\n  "info": {\n    "title": "T",\n    "version": "1"\n  },\n  "x": [\n    1,\n    {\n      "b": null\n    }\n  ]\n}\n',
    )
  })

  it('prints YAML in block style, long lines unfolded, no anchors, status codes quoted', () => {
    const long = 'word '.repeat(40).trim()
    const shared = '&s {type: string}'
    const text = `openapi: 3.1.0\ninfo: {title: T, version: "1", description: ${long}}\nx-a: ${shared}\nx-b: *s\npaths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\n`
    const out = printSpec(parseOrThrow('a.yaml', text))
    expect(out).toContain(`  description: ${long}\n`)
    expect(out).not.toMatch(/[&*]s\b/)
    expect(out).toContain('x-b:\n  type: string\n')
    expect(out).toContain('        "200":\n          description: ok\n')
    expect(out.endsWith('\n')).toBe(true)
  })

  it('quotes strings a YAML 1.1 reader would take for booleans, numbers or dates', () => {
    const out = printSpec({
      serialization: 'yaml',
      document: { on: ['on', 'No', 'y', '1:30', '2024-01-01', '1_000', 'onward'] },
    })
    expect(out).toBe('"on":\n  - "on"\n  - "No"\n  - "y"\n  - "1:30"\n  - "2024-01-01"\n  - "1_000"\n  - onward\n')
  })

  it('keeps the law on every 3.0/3.1 document of @readme/oas-examples', () => {
    const examples = oasExamples()
    expect(examples.length).toBeGreaterThan(60)
    for (const e of examples) expectRoundTrip(e.path, e.text)
  })

  it('keeps the law on the AsyncAPI fixtures, in both serializations', () => {
    for (const name of validAsyncApiFixtures) {
      const { path, text } = readSpecFixture(name)
      expectRoundTrip(path, text)
      const spec = parseOrThrow(path, text)
      const other = spec.serialization === 'json' ? 'yaml' : 'json'
      expectRoundTrip(`x.${other}`, printSpec({ serialization: other, document: spec.document }))
    }
  })

  it('keeps the law on random JSON documents (fast-check)', () => {
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom('200', '$ref', 'x-a', 'a: b', '- x', '#c', 'null', 'true', '', 'yes', '<<'),
    )
    const scalar = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '',
        'null',
        'true',
        '1.0',
        '0x1',
        ' lead',
        'trail ',
        'a\nb',
        '- item',
        '"q"',
        "'q'",
        '#x',
        '2024-01-01',
        'on',
        'N',
        '0777',
        '1:20',
        '<<',
      ),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.boolean(),
      fc.constant(null),
    )
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
      array: fc.array(tie('node'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
    })).node
    fc.assert(
      fc.property(
        fc.dictionary(key, value, { maxKeys: 6 }),
        fc.constantFrom('json', 'yaml'),
        (extra, serialization) => {
          const document = { openapi: '3.1.0', ...extra }
          const printed = printSpec({ serialization: serialization as 'json' | 'yaml', document })
          const again = parseOrThrow(`f.${serialization}`, printed)
          expect(firstSpecDifference(JSON.parse(JSON.stringify(document)), again.document)).toBeUndefined()
          expect(printSpec(again)).toBe(printed)
        },
      ),
      { numRuns: 300, seed: 20261202 },
    )
  })
})
