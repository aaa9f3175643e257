import { describe, expect, it } from 'vitest'
import { oasExamples } from '../../../tests/fixtures/specs/oas-examples'
import { readSpecFixture, validAsyncApiFixtures } from '../../../tests/fixtures/specs/spec-fixtures'
import { indexSpec } from './index-spec'
import { parseSpecText } from './parse-spec-text'
import { specsEqualWithKeyOrder } from './specs-equal-with-key-order'
import { validateSpec } from './validate-spec'

function parsed(name: string) {
  const { path, text } = readSpecFixture(name)
  const r = parseSpecText({ path, text })
  if (!r.spec) throw new Error(`${name}: ${JSON.stringify(r.problems)}`)
  return { path, spec: r.spec, sourceMap: r.sourceMap }
}

const errors = <T extends { severity: string }>(ps: T[]) => ps.filter((p) => p.severity === 'error')

describe('validateSpec — AsyncAPI', () => {
  it('finds no errors or warnings in the valid AsyncAPI fixtures', async () => {
    for (const name of validAsyncApiFixtures) {
      const { path, spec, sourceMap } = parsed(name)
      const problems = await validateSpec(spec, { path, sourceMap })
      expect(
        problems.filter((p) => p.severity !== 'info'),
        name,
      ).toEqual([])
    }
  })

  it('reports schema violations with rule, pointer, line:column and hint', async () => {
    const { path, spec, sourceMap } = parsed('broken-asyncapi-schema.yaml')
    const problems = await validateSpec(spec, { path, sourceMap })
    const action = problems.find((p) => p.pointer === '/operations/publish/action')
    expect(action).toMatchObject({
      severity: 'error',
      rule: 'asyncapi.spectral.asyncapi-document-resolved',
      file: 'broken-asyncapi-schema.yaml',
      line: 13,
      column: 5,
    })
    expect(action?.message).toContain('send')
    expect(action?.hint).not.toBe('')
    expect(problems.find((p) => p.pointer === '/info' && /version/.test(p.message))?.hint).toBe(
      'Add the required `version` property here.',
    )
  })

  it('reports a missing ref once, at the $ref', async () => {
    const { path, spec, sourceMap } = parsed('broken-asyncapi-missing-ref.yaml')
    const problems = errors(await validateSpec(spec, { path, sourceMap }))
    const refs = problems.filter((p) => p.pointer === '/channels/orders/messages/created/$ref')
    expect(refs).toEqual([expect.objectContaining({ rule: 'spec.ref.missing-target', line: 10, column: 9 })])
  })

  it('maps problems reached through $refs to where the value really is', async () => {
    const { path, spec, sourceMap } = parsed('asyncapi-3.0-complete.yaml')
    const doc = structuredClone(spec.document) as {
      components: { channels: { dashboard: { bindings: { ws: { method: string } } } } }
    }
    doc.components.channels.dashboard.bindings.ws.method = 'PUT'
    const problems = errors(await validateSpec({ ...spec, document: doc }, { path, sourceMap }))
    expect(problems.map((p) => p.pointer)).toEqual(['/components/channels/dashboard/bindings/ws/method'])
  })

  it('does not mutate the document', async () => {
    const { path, spec } = parsed('asyncapi-3.1-complete.json')
    const before = structuredClone(spec.document)
    await validateSpec(spec, { path })
    expect(specsEqualWithKeyOrder(before, spec.document)).toBe(true)
  })
})

describe('validateSpec — OpenAPI', () => {
  it('finds no errors in a sample of @readme/oas-examples (3.0 and 3.1)', async () => {
    const sample = oasExamples().filter((e) =>
      /\/(petstore|webhooks|security|callbacks|train-travel|server-variables)\.(json|yaml)$/.test(e.path),
    )
    expect(sample.length).toBeGreaterThan(8)
    for (const e of sample) {
      const r = parseSpecText({ path: e.path, text: e.text })
      if (!r.spec) throw new Error(e.path)
      expect(errors(await validateSpec(r.spec, { path: e.path, sourceMap: r.sourceMap })), e.path).toEqual([])
    }
  })

  it('reports schema errors, missing refs and undeclared path parameters, located', async () => {
    const { path, spec, sourceMap } = parsed('broken-openapi-schema.yaml')
    const problems = await validateSpec(spec, { path, sourceMap })
    expect(problems).toContainEqual(
      expect.objectContaining({
        rule: 'openapi.schema',
        pointer: '/paths/~1orders~1{orderId}/get/responses/200',
        line: 14,
        column: 9,
        hint: 'Add the required `description` property here.',
      }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({
        rule: 'openapi.schema',
        pointer: '/paths/~1orders~1{orderId}/get/parameters/0/in',
        line: 10,
        hint: 'Use one of: query, header, path, cookie.',
      }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({
        rule: 'openapi.ref',
        pointer: '/paths/~1orders~1{orderId}/get/responses/200/content/application~1json/schema/$ref',
        line: 18,
      }),
    )
    for (const p of problems) {
      expect(p.file).toBe(path)
      expect(p.line).toBeGreaterThan(0)
      expect(p.message).not.toMatch(/must match "else" schema|required property '\$ref'/)
    }
  })

  it('checks path templates against path parameters once the document is schema-valid', async () => {
    const text = `openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /orders/{orderId}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok}
`
    const r = parseSpecText({ path: 'p.yaml', text })
    if (!r.spec) throw new Error('parse')
    const problems = await validateSpec(r.spec, { path: 'p.yaml', sourceMap: r.sourceMap })
    expect(problems.map((p) => [p.rule, p.pointer, p.line])).toEqual([
      ['openapi.path-parameter', '/paths/~1orders~1{orderId}/get', 5],
      ['openapi.path-parameter', '/paths/~1orders~1{orderId}/get/parameters/0', 7],
    ])
  })

  it('gives the same path-parameter problems with the caller index as without', async () => {
    const text = `openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /orders/{orderId}:
    parameters:
      - {name: tenant, in: path, required: true, schema: {type: string}}
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok}
`
    const r = parseSpecText({ path: 'p.yaml', text })
    if (!r.spec) throw new Error('parse')
    const own = await validateSpec(r.spec, { path: 'p.yaml', sourceMap: r.sourceMap })
    const shared = await validateSpec(r.spec, { path: 'p.yaml', sourceMap: r.sourceMap, index: indexSpec(r.spec) })
    expect(own.map((p) => [p.rule, p.pointer])).toEqual([
      ['openapi.path-parameter', '/paths/~1orders~1{orderId}/get'],
      ['openapi.path-parameter', '/paths/~1orders~1{orderId}/parameters/0'],
      ['openapi.path-parameter', '/paths/~1orders~1{orderId}/get/parameters/0'],
    ])
    expect(shared).toEqual(own)
  })

  it('locates a dangling $ref in a JSON spec (the source map is built only for problems)', async () => {
    const text = `{
  "openapi": "3.1.0",
  "info": { "title": "T", "version": "1" },
  "paths": {},
  "components": {
    "schemas": {
      "A": { "type": "object" },
      "B": { "$ref": "#/components/schemas/Missing" }
    }
  }
}
`
    const r = parseSpecText({ path: 'd.json', text })
    if (!r.spec) throw new Error('parse')
    const problems = await validateSpec(r.spec, { path: 'd.json', sourceMap: r.sourceMap })
    expect(problems).toContainEqual(
      expect.objectContaining({
        rule: 'openapi.ref',
        file: 'd.json',
        pointer: '/components/schemas/B/$ref',
        line: 8,
        column: 14,
      }),
    )
  })

  it('reports a missing info.version without writing one into the document', async () => {
    const r = parseSpecText({ path: 'v.json', text: '{"openapi":"3.0.3","info":{"title":"T"},"paths":{}}' })
    if (!r.spec) throw new Error('parse')
    const problems = await validateSpec(r.spec, { path: 'v.json', sourceMap: r.sourceMap })
    expect(problems).toEqual([expect.objectContaining({ rule: 'openapi.schema', pointer: '/info', line: 1 })])
    expect((r.spec.document as { info: object }).info).toEqual({ title: 'T' })
  })

  it('refuses unsupported versions with one problem', async () => {
    const r = parseSpecText({ path: 's.yaml', text: 'swagger: "2.0"\ninfo: {title: T, version: "1"}\npaths: {}\n' })
    if (!r.spec) throw new Error('parse')
    expect(await validateSpec(r.spec, { path: 's.yaml', sourceMap: r.sourceMap })).toEqual([
      expect.objectContaining({ rule: 'spec.version.unsupported' }),
    ])
  })

  it('validates OpenAPI 3.2', async () => {
    const r = parseSpecText({ path: 'n.yaml', text: 'openapi: 3.2.0\ninfo: {title: T, version: "1"}\npaths: {}\n' })
    if (!r.spec) throw new Error('parse')
    expect(await validateSpec(r.spec, { path: 'n.yaml' })).toEqual([])
  })
})
