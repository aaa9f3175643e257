import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { swaggerExamples } from '../../../tests/fixtures/specs/oas-examples'
import { readSpecFixture, specFixturesDir } from '../../../tests/fixtures/specs/spec-fixtures'
import { importSpecText } from './import-spec-text'
import { locatePointer } from './spec-source-map'

describe('importSpecText', () => {
  it('imports a current spec unchanged, with the original source map', () => {
    const { path, text } = readSpecFixture('asyncapi-3.1-chat.yaml')
    const r = importSpecText({ path, text })
    expect(r.problems).toEqual([])
    expect(r.spec).toMatchObject({ kind: 'asyncapi', version: '3.1.0', serialization: 'yaml' })
    expect(r.sourceMapOf).toBe('original')
    expect(r.conversion).toBeUndefined()
  })

  it('converts Swagger 2.0 and says so', () => {
    const petstore = swaggerExamples().find((e) => e.path === '2.0/json/petstore.json')
    if (!petstore) throw new Error('petstore missing')
    const r = importSpecText({ path: 'petstore.json', text: petstore.text })
    expect(r.spec).toMatchObject({ kind: 'openapi', serialization: 'json' })
    expect(r.conversion).toMatchObject({ converted: true, from: '2.0' })
    expect(r.problems).toEqual([expect.objectContaining({ severity: 'info', rule: 'spec.import.converted' })])
    expect(r.sourceMapOf).toBe('printed')
    if (!r.sourceMap) throw new Error('no source map')
    expect(locatePointer(r.sourceMap, '/openapi')).toEqual({ line: 2, column: 3 })
  })

  it('bundles external refs through resolveExternal and says so', () => {
    const dir = join(specFixturesDir, 'external')
    const r = importSpecText({
      path: 'orders.openapi.yaml',
      text: readFileSync(join(dir, 'orders.openapi.yaml'), 'utf8'),
      resolveExternal: (p) => (existsSync(join(dir, p)) ? readFileSync(join(dir, p), 'utf8') : undefined),
    })
    expect(r.spec).toBeDefined()
    expect(r.bundled.length).toBe(10)
    expect(r.problems).toEqual([expect.objectContaining({ severity: 'info', rule: 'spec.import.bundled' })])
  })

  it('is whole or nothing: any error means no spec', () => {
    const withoutFiles = importSpecText(readSpecFixture('external/orders.openapi.yaml'))
    expect(withoutFiles.spec).toBeUndefined()
    expect(withoutFiles.problems.filter((p) => p.rule === 'spec.ref.missing-file').length).toBe(4)
    expect(importSpecText(readSpecFixture('broken-asyncapi-syntax.yaml')).spec).toBeUndefined()
    const future = importSpecText({ path: 'x.yaml', text: 'asyncapi: 4.0.0\n' })
    expect(future.spec).toBeUndefined()
    expect(future.problems).toEqual([expect.objectContaining({ rule: 'spec.version.unsupported' })])
  })

  it('keeps the YAML-comments warning and still imports', () => {
    const r = importSpecText({ path: 'c.yaml', text: 'openapi: 3.1.0 # the version\ninfo: {title: T, version: "1"}\n' })
    expect(r.spec).toBeDefined()
    expect(r.problems).toEqual([expect.objectContaining({ severity: 'warning', rule: 'spec.yaml.comments' })])
  })
})
