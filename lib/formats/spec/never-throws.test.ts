import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readSpecFixture } from '../../../tests/fixtures/specs/spec-fixtures'
import { importSpecText } from './import-spec-text'
import { indexSpec } from './index-spec'
import { parseSpecText } from './parse-spec-text'
import { printSpec } from './print-spec'
import { validateSpec } from './validate-spec'

const sources = ['asyncapi-3.0-complete.yaml', 'asyncapi-3.1-complete.json', 'external/orders.openapi.yaml'].map(
  readSpecFixture,
)

/** A fixture with a random slice deleted, duplicated or replaced: the typical shapes of a half-typed edit. */
const mutated = fc
  .record({
    source: fc.constantFrom(...sources),
    at: fc.nat(),
    length: fc.nat({ max: 40 }),
    insert: fc.constantFrom('', ':', '"', "'", '{', '[', '- ', '\n  ', '$ref: x.yaml', '#', '*a', '&a ', '\t', '}'),
  })
  .map(({ source, at, length, insert }) => {
    const i = at % (source.text.length + 1)
    return { path: source.path, text: source.text.slice(0, i) + insert + source.text.slice(i + length) }
  })

describe('bad input never throws', () => {
  it('parse, import, index and print accept any mutation and locate every problem', () => {
    fc.assert(
      fc.property(mutated, ({ path, text }) => {
        const parsed = parseSpecText({ path, text })
        const imported = importSpecText({ path, text, resolveExternal: () => undefined })
        for (const p of [...parsed.problems, ...imported.problems]) {
          expect(p.message).not.toBe('')
          if (p.severity !== 'info') expect(p.line, p.message).toBeGreaterThan(0)
        }
        if (parsed.spec) {
          indexSpec(parsed.spec)
          expect(typeof printSpec(parsed.spec)).toBe('string')
        }
      }),
      { numRuns: 250, seed: 424242 },
    )
  })

  it('validateSpec returns problems for broken OpenAPI documents instead of throwing', async () => {
    const base = readSpecFixture('broken-openapi-schema.yaml')
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom('', '5', '[]', 'null', '{}'), async (at, insert) => {
        const i = at % base.text.length
        const text = `${base.text.slice(0, i)}${insert}${base.text.slice(i + 3)}`
        const r = parseSpecText({ path: base.path, text })
        if (!r.spec) return
        const problems = await validateSpec(r.spec, { path: base.path, sourceMap: r.sourceMap })
        expect(Array.isArray(problems)).toBe(true)
      }),
      { numRuns: 15, seed: 7 },
    )
  })
})
