import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSpecFixture, specFixturesDir } from '../../../tests/fixtures/specs/spec-fixtures'
import { bundleExternalRefs, joinRelative } from './bundle-external-refs'
import { parseSpecText } from './parse-spec-text'
import { collectRefs } from './spec-refs'
import { specsEqualWithKeyOrder } from './specs-equal-with-key-order'
import { validateSpec } from './validate-spec'

const externalDir = join(specFixturesDir, 'external')
/** readFile as the CLI does it: relative to the directory of the spec being bundled. */
const readerFor = (name: string) => (rel: string) => {
  const full = join(externalDir, dirname(name), rel)
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined
}

function bundleFixture(name: string) {
  const { text } = readSpecFixture(`external/${name}`)
  const parsed = parseSpecText({ path: name, text })
  if (!parsed.spec) throw new Error(name)
  const before = structuredClone(parsed.spec.document)
  const result = bundleExternalRefs(parsed.spec.document, {
    path: name,
    readFile: readerFor(name),
    sourceMap: parsed.sourceMap,
  })
  expect(specsEqualWithKeyOrder(before, parsed.spec.document), 'input not mutated').toBe(true)
  return { spec: parsed.spec, result }
}

describe('bundleExternalRefs', () => {
  it('joins relative paths the POSIX way', () => {
    expect(joinRelative('paths', '../common/a.yaml')).toBe('common/a.yaml')
    expect(joinRelative('', './a.yaml')).toBe('a.yaml')
    expect(joinRelative('', '../../x/a.yaml')).toBe('../../x/a.yaml')
  })

  it('bundles a split OpenAPI 3.0 spec into one valid document, path items inlined', async () => {
    const { spec, result } = bundleFixture('orders.openapi.yaml')
    expect(result.problems).toEqual([])
    const doc = result.document as {
      paths: Record<string, Record<string, unknown>>
      components: Record<string, Record<string, unknown>>
    }
    expect(collectRefs(doc).every((r) => r.ref.startsWith('#/'))).toBe(true)
    expect(Object.keys(doc.paths['/orders'] ?? {})).toEqual(['post'])
    expect(Object.keys(doc.components)).toEqual(['schemas', 'responses', 'parameters'])
    expect(Object.keys(doc.components.schemas ?? {})).toEqual(['order', 'line', 'Customer', 'Error'])
    expect(result.bundled).toContainEqual({
      ref: './common/errors.yaml#/components/responses/NotFound',
      file: 'common/errors.yaml',
      pointer: '/paths/~1orders~1{orderId}/get/responses/404',
      target: '/components/responses/NotFound',
    })
    const problems = await validateSpec({ ...spec, document: doc }, { path: 'orders.openapi.yaml' })
    expect(problems).toEqual([])
  })

  it('bundles into OpenAPI 3.1 components/pathItems, renames on collision, keeps $defs and # recursion inside', async () => {
    const { spec, result } = bundleFixture('shipments.openapi.yaml')
    expect(result.problems).toEqual([])
    const doc = result.document as {
      paths: Record<string, { $ref?: string }>
      components: Record<string, Record<string, unknown>>
    }
    expect(doc.paths['/orders']).toEqual({ $ref: '#/components/pathItems/orders' })
    expect(Object.keys(doc.components.schemas ?? {})).toContain('order_2')
    const shipment = doc.components.schemas?.shipment as {
      properties: Record<string, { $ref?: string; items?: { $ref: string } }>
    }
    expect(shipment.properties.split).toEqual({ $ref: '#/components/schemas/shipment' })
    expect(shipment.properties.parcels?.items).toEqual({ $ref: '#/components/schemas/shipment/$defs/parcel' })
    const problems = await validateSpec({ ...spec, document: doc }, { path: 'shipments.openapi.yaml' })
    expect(problems).toEqual([])
  })

  it('bundles a split AsyncAPI 3 document into components by where each part is used', async () => {
    const { spec, result } = bundleFixture('asyncapi/events.asyncapi.yaml')
    expect(result.problems).toEqual([])
    const doc = result.document as {
      channels: Record<string, unknown>
      components: Record<string, Record<string, unknown>>
    }
    expect(Object.keys(doc.components)).toEqual(['messages', 'schemas', 'channels', 'operationTraits'])
    expect(Object.keys(doc.components.schemas ?? {})).toEqual(['headers', 'order', 'line', 'Customer'])
    expect(doc.channels.orderShipped).toEqual({ $ref: '#/components/channels/orderShipped' })
    expect(collectRefs(doc).every((r) => r.ref.startsWith('#/'))).toBe(true)
    const problems = await validateSpec({ ...spec, document: doc }, { path: 'events.asyncapi.yaml' })
    expect(problems.filter((p) => p.severity !== 'info')).toEqual([])
  })

  it('reports a missing file at the $ref, located', () => {
    const { result } = bundleFixture('broken-missing-file.openapi.yaml')
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'spec.ref.missing-file',
        file: 'broken-missing-file.openapi.yaml',
        pointer: '/paths/~1a/get/responses/200/content/application~1json/schema/$ref',
        line: 14,
        column: 17,
      }),
    ])
  })

  it('refuses remote refs without fetching them', () => {
    const { result } = bundleFixture('broken-remote-ref.openapi.yaml')
    expect(result.problems).toEqual([expect.objectContaining({ rule: 'spec.ref.remote', line: 10 })])
  })

  it('locates missing targets and syntax errors inside referenced files', () => {
    const files: Record<string, string> = {
      'a.yaml': 'Thing:\n  type: string\n',
      'b.yaml': 'x: [\n',
      'c.yaml': 'c:\n  $ref: ./a.yaml#/Nope\n',
    }
    const doc = {
      asyncapi: '3.0.0',
      info: { title: 'T', version: '1' },
      components: {
        schemas: { one: { $ref: 'b.yaml#/x' }, two: { $ref: 'c.yaml#/c' }, three: { $ref: 'a.yaml#/Thing' } },
      },
    }
    const result = bundleExternalRefs(doc, { path: 'apis/events.yaml', readFile: (p) => files[p] })
    expect(result.problems.map((p) => [p.rule, p.file, p.line])).toEqual([
      ['spec.syntax', 'apis/b.yaml', 2],
      ['spec.ref.missing-file', 'apis/events.yaml', undefined],
      ['spec.ref.missing-target', 'apis/c.yaml', 2],
    ])
    const out = result.document as { components: { schemas: Record<string, unknown> } }
    expect(out.components.schemas.three).toEqual({ $ref: '#/components/schemas/Thing' })
  })

  it('returns the same document when there is nothing to bundle', () => {
    const doc = { openapi: '3.1.0', components: { schemas: { A: { $ref: '#/components/schemas/B' }, B: {} } } }
    const result = bundleExternalRefs(doc, { path: 'a.yaml', readFile: () => undefined })
    expect(result.document).toBe(doc)
    expect(result.bundled).toEqual([])
  })
})
