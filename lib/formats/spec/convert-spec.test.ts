import { describe, expect, it } from 'vitest'
import { swaggerExamples } from '../../../tests/fixtures/specs/oas-examples'
import { readSpecFixture } from '../../../tests/fixtures/specs/spec-fixtures'
import { convertSpec } from './convert-spec'
import { parseSpecText } from './parse-spec-text'
import { specsEqualWithKeyOrder } from './specs-equal-with-key-order'
import { validateSpec } from './validate-spec'

function parsed(path: string, text: string) {
  const r = parseSpecText({ path, text })
  if (!r.spec) throw new Error(path)
  return r
}

describe('convertSpec', () => {
  it('converts every Swagger 2.0 example to a valid OpenAPI 3.0 document with a report', async () => {
    const examples = swaggerExamples()
    expect(examples.length).toBeGreaterThanOrEqual(14)
    for (const e of examples) {
      const r = parsed(e.path, e.text)
      if (!r.spec) throw new Error(e.path)
      const before = structuredClone(r.spec.document)
      const c = convertSpec(r.spec, { path: e.path, sourceMap: r.sourceMap })
      if (!c.spec) throw new Error(`${e.path}: ${JSON.stringify(c.problems)}`)
      expect(c.report).toMatchObject({ converted: true, from: '2.0' })
      expect(c.report.to).toMatch(/^3\.0\.\d+$/)
      expect(c.report.notes[0]).toContain('swagger "2.0"')
      expect(c.spec.serialization).toBe(r.spec.serialization)
      expect(Object.keys(c.spec.document as object)[0]).toBe('openapi')
      expect(specsEqualWithKeyOrder(before, r.spec.document), 'input untouched').toBe(true)
      const problems = await validateSpec(c.spec, { path: e.path })
      expect(
        problems.filter((p) => p.severity === 'error'),
        e.path,
      ).toEqual([])
    }
  })

  it('converts AsyncAPI 2.6 to a valid 3.0 document from the application point of view', async () => {
    const { path, text } = readSpecFixture('asyncapi-2.6-legacy.yaml')
    const r = parsed(path, text)
    if (!r.spec) throw new Error(path)
    const c = convertSpec(r.spec, { path, sourceMap: r.sourceMap })
    if (!c.spec) throw new Error(JSON.stringify(c.problems))
    expect(c.report).toMatchObject({ converted: true, from: '2.6.0', to: '3.0.0' })
    expect(c.report.notes.join('\n')).toContain('publish → receive')
    const doc = c.spec.document as { operations: Record<string, { action: string }> }
    expect(doc.operations.signUpUser?.action).toBe('receive')
    expect(doc.operations.onUserSignedUp?.action).toBe('send')
    const problems = await validateSpec(c.spec, { path })
    expect(problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('refuses what it cannot convert, with a hint, and returns no spec', () => {
    const r = parsed('a.yaml', 'asyncapi: 2.7.0\ninfo: {title: T, version: "1"}\nchannels: {}\n')
    if (!r.spec) throw new Error('parse')
    const c = convertSpec(r.spec, { path: 'a.yaml', sourceMap: r.sourceMap })
    expect(c.spec).toBeUndefined()
    expect(c.problems).toEqual([expect.objectContaining({ severity: 'error', rule: 'spec.conversion.failed' })])
    expect(c.problems[0]?.hint).toContain('asyncapi convert')
    const current = parsed('b.yaml', 'openapi: 3.1.0\ninfo: {title: T, version: "1"}\n')
    if (!current.spec) throw new Error('parse')
    expect(convertSpec(current.spec, { path: 'b.yaml' }).problems[0]?.message).toContain('no converter')
  })
})
