import { describe, expect, it } from 'vitest'
import { compileExpression, type ExpressionContext, evaluateExpression } from './evaluate-expression'

const context: ExpressionContext = {
  input: {
    orderId: 'ord-42',
    items: [
      { price: 2, qty: 3 },
      { price: 5, qty: 1 },
    ],
  },
  nodes: { 'save-order': { id: 'o1' } },
  run: { id: 'run_1', startedAt: '2026-01-02T03:04:05.000Z' },
}

describe('evaluateExpression', () => {
  it('reads input, nodes and run', async () => {
    expect(await evaluateExpression('$sum(input.items.(price * qty))', context)).toEqual({ ok: true, value: 11 })
    expect(await evaluateExpression('nodes.`save-order`.id & "@" & run.startedAt', context)).toEqual({
      ok: true,
      value: 'o1@2026-01-02T03:04:05.000Z',
    })
    expect(await evaluateExpression('item * 2', { ...context, item: 21 })).toEqual({ ok: true, value: 42 })
  })

  it('returns plain JSON arrays and undefined for no match', async () => {
    const r = await evaluateExpression('$map(input.items, function($i){ $i.price })', context)
    expect(r).toEqual({ ok: true, value: [2, 5] })
    expect(await evaluateExpression('input.missing', context)).toEqual({ ok: true, value: undefined })
  })

  it('evaluates regexes through re2js', async () => {
    expect(await evaluateExpression('$match(input.orderId, /[0-9]+/).match', context)).toEqual({
      ok: true,
      value: '42',
    })
    expect(await evaluateExpression('$replace("a1b22", /[0-9]+/, "#")', context)).toEqual({ ok: true, value: 'a#b#' })
    expect(await evaluateExpression('$split("a1b22c", /[0-9]+/)', context)).toEqual({
      ok: true,
      value: ['a', 'b', 'c'],
    })
    expect(await evaluateExpression('$contains("ABC", /b/i)', context)).toEqual({ ok: true, value: true })
    expect(await evaluateExpression('$match("xy", /(x)(z)?/).groups', context)).toEqual({ ok: true, value: ['x'] })
  })

  it('keeps a catastrophic regex correct (linear engine)', async () => {
    const long = `${'a'.repeat(30_000)}b`
    const ctx = { ...context, input: { s: long, t: 'a'.repeat(30_000) } }
    expect(await evaluateExpression('$contains(input.s, /(a+)+$/)', ctx)).toEqual({ ok: true, value: false })
    expect(await evaluateExpression('$contains(input.t, /(a+)+$/)', ctx)).toEqual({ ok: true, value: true })
  })

  it('refuses what the profile forbids, as a value', async () => {
    const r = await evaluateExpression('$now()', context)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.rule).toBe('expression.function.forbidden')
    const rec = await evaluateExpression('$f := function($x){ $f($x) }', context)
    expect(!rec.ok && rec.error.rule).toBe('expression.recursion')
  })

  it('returns runtime errors and limit breaches as values', async () => {
    const t = await evaluateExpression('1 + "a"', context)
    expect(!t.ok && t.error.jsonataCode).toBe('T2002')
    const big = await evaluateExpression('$count([1..200000])', context)
    expect(!big.ok && big.error.jsonataCode).toBe('D2015')
  })

  it('stops at the stack limit instead of overflowing the JavaScript stack', async () => {
    let deep = 'input.orderId'
    for (let i = 0; i < 400; i++) deep = `(${deep} & "")`
    const r = await evaluateExpression(deep, context)
    expect(!r.ok && r.error.jsonataCode).toBe('D1011')
  })

  it('is deterministic: a compiled expression gives the same result each time', async () => {
    const c = compileExpression('{ "id": input.orderId, "n": $count(input.items) }')
    expect(c.ok).toBe(true)
    if (!c.ok) return
    const a = await c.expression.evaluate(context)
    const b = await c.expression.evaluate(context)
    expect(a).toEqual({ ok: true, value: { id: 'ord-42', n: 2 } })
    expect(b).toEqual(a)
  })
})
