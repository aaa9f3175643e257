import { describe, expect, it } from 'vitest'
import { brokenSpecFixtures, readSpecFixture } from '../../../tests/fixtures/specs/spec-fixtures'
import { parseSpecText } from './parse-spec-text'

describe('parseSpecText', () => {
  it('reads YAML by extension, with kind, version and the author key order', () => {
    const r = parseSpecText({
      path: 'apis/a.yaml',
      text: 'openapi: 3.1.0\ninfo:\n  version: "1"\n  title: T\npaths: {}\nx-z: 1\nx-a: 2\n',
    })
    expect(r.problems).toEqual([])
    expect(r.spec).toMatchObject({ kind: 'openapi', version: '3.1.0', serialization: 'yaml' })
    expect(Object.keys(r.spec?.document as object)).toEqual(['openapi', 'info', 'paths', 'x-z', 'x-a'])
    expect(Object.keys((r.spec?.document as { info: object } | undefined)?.info ?? {})).toEqual(['version', 'title'])
  })

  it('reads JSON by extension and by content when the name says nothing', () => {
    const text = '{"asyncapi": "3.0.0", "info": {"title": "E", "version": "1"}}'
    expect(parseSpecText({ path: 'a.json', text }).spec?.serialization).toBe('json')
    expect(parseSpecText({ path: 'spec', text }).spec).toMatchObject({ kind: 'asyncapi', serialization: 'json' })
    expect(parseSpecText({ path: 'spec', text: 'asyncapi: 3.1.0\n' }).spec?.serialization).toBe('yaml')
  })

  it('warns, located, that YAML comments are not kept', () => {
    const r = parseSpecText({
      path: 'a.yaml',
      text: 'openapi: 3.0.3\n# why\ninfo: {title: T, version: "1"} # trailing\n',
    })
    expect(r.spec).toBeDefined()
    expect(r.problems).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'spec.yaml.comments', file: 'a.yaml', line: 2, column: 1 }),
    ])
    expect(r.problems[0]?.message).toContain('2 YAML comments')
  })

  it('does not mistake # inside strings for comments', () => {
    const r = parseSpecText({ path: 'a.yaml', text: 'openapi: 3.0.3\ninfo: {title: "a # b", version: "1"}\n' })
    expect(r.problems).toEqual([])
  })

  it('turns syntax errors into located errors and never throws', () => {
    const json = parseSpecText(readSpecFixture('broken-openapi-syntax.json'))
    expect(json.spec).toBeUndefined()
    expect(json.problems[0]).toMatchObject({ severity: 'error', rule: 'spec.syntax', line: 4, column: 3 })
    const yaml = parseSpecText(readSpecFixture('broken-asyncapi-syntax.yaml'))
    expect(yaml.spec).toBeUndefined()
    expect(yaml.problems.length).toBeGreaterThan(0)
    for (const p of yaml.problems) expect(p).toMatchObject({ severity: 'error', rule: 'spec.syntax' })
    expect(yaml.problems[0]).toMatchObject({ line: 3, column: 10 })
    expect(yaml.problems[0]?.hint).toContain('never closed')
    for (const text of ['', '[1, 2]', '"just a string"', 'a: [', '{', '---\na: 1\n---\nb: 2\n', 'a: *nope\n']) {
      const r = parseSpecText({ path: 'x.yaml', text })
      expect(r.spec).toBeUndefined()
      expect(r.problems.some((p) => p.severity === 'error')).toBe(true)
    }
  })

  it('every broken syntax fixture yields located problems', () => {
    for (const name of brokenSpecFixtures) {
      const r = parseSpecText(readSpecFixture(name))
      for (const p of r.problems) {
        expect(p.file).toBe(name)
        expect(p.line).toBeGreaterThan(0)
        expect(p.column).toBeGreaterThan(0)
      }
    }
  })

  it('rejects duplicate keys in YAML', () => {
    const r = parseSpecText({ path: 'a.yaml', text: 'openapi: 3.0.3\ninfo: {}\ninfo: {}\n' })
    expect(r.problems[0]).toMatchObject({ rule: 'spec.syntax', line: 3 })
  })

  it('names documents that are neither OpenAPI nor AsyncAPI', () => {
    const r = parseSpecText({ path: 'a.yaml', text: 'title: nothing\n' })
    expect(r.spec).toBeUndefined()
    expect(r.problems).toEqual([expect.objectContaining({ rule: 'spec.kind', line: 1, column: 1 })])
  })

  it('refuses Swagger 2.0 and AsyncAPI 2.x with how to convert, and unquoted versions', () => {
    const swagger = parseSpecText({ path: 'old.yaml', text: 'swagger: "2.0"\ninfo: {title: T, version: "1"}\n' })
    expect(swagger.spec).toMatchObject({ kind: 'openapi', version: '2.0' })
    expect(swagger.problems).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'spec.version.unsupported', pointer: '/swagger', line: 1 }),
    ])
    expect(swagger.problems[0]?.hint).toContain('backplane add-api')
    const a2 = parseSpecText(readSpecFixture('asyncapi-2.6-legacy.yaml'))
    expect(a2.problems[0]).toMatchObject({ rule: 'spec.version.unsupported', pointer: '/asyncapi' })
    expect(a2.problems[0]?.hint).toContain('AsyncAPI 3.0')
    const unquoted = parseSpecText({ path: 'a.yaml', text: 'openapi: 3.1\ninfo: {title: T, version: "1"}\n' })
    expect(unquoted.problems).toEqual([expect.objectContaining({ rule: 'spec.version.type', pointer: '/openapi' })])
    const future = parseSpecText({ path: 'a.yaml', text: 'openapi: 4.0.0\n' })
    expect(future.problems[0]?.hint).toContain('Rewrite')
  })
})
