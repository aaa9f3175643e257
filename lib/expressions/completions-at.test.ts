import { describe, expect, it } from 'vitest'
import { completionsAt } from './completions-at'
import type { ExpressionScope } from './expression-scope'

const scope: ExpressionScope = {
  input: {
    type: 'object',
    properties: {
      orderId: { type: 'string', description: 'the order' },
      items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
    },
  },
  nodes: { 'save-order': { output: { type: 'object', properties: { id: { type: 'string' } } } }, total: {} },
}

const labels = (text: string, offset = text.length, s = scope) =>
  completionsAt(text, offset, s).items.map((i) => i.label)

describe('completionsAt', () => {
  it('offers the roots, with item only inside for-each', () => {
    expect(labels('')).toEqual(['input', 'nodes', 'run'])
    expect(labels('i', 1, { ...scope, item: {} })).toEqual(['input', 'item'])
  })

  it('offers input fields through arrays, with the replaced range', () => {
    expect(completionsAt('input.or', 8, scope)).toMatchObject({
      from: 6,
      to: 8,
      items: [{ label: 'orderId', detail: 'string — the order' }],
    })
    expect(labels('input.items.')).toEqual(['sku'])
    expect(labels('input.items[0].')).toEqual(['sku'])
    expect(labels('input.items[sku = "a"][0].s')).toEqual(['sku'])
  })

  it('offers node ids quoted when needed, then their output fields', () => {
    const c = completionsAt('nodes.', 6, scope)
    expect(c.items.map((i) => i.insertText)).toEqual(['`save-order`', 'total'])
    expect(labels('nodes.`save-order`.')).toEqual(['id'])
    expect(labels('$string(nodes.`save-order`.i')).toEqual(['id'])
  })

  it('types the parameter of an inline lambda from the array it iterates', () => {
    expect(labels('$map(input.items, function($i){ $i.')).toEqual(['sku'])
    expect(labels('$filter(input.items, λ($x){ $x.s')).toEqual(['sku'])
    expect(labels('$map(input.orderId, function($i){ $j.')).toEqual([])
  })

  it('offers run fields and functions after $', () => {
    expect(labels('run.')).toEqual(['id', 'startedAt'])
    expect(labels('$su')).toEqual(['$substring', '$substringAfter', '$substringBefore', '$sum'])
  })
})
