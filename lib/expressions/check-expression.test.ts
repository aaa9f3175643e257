import { describe, expect, it } from 'vitest'
import { checkExpression } from './check-expression'
import { expressionFunctions } from './expression-functions'
import type { ExpressionScope } from './expression-scope'

const scope: ExpressionScope = {
  input: {
    type: 'object',
    properties: {
      orderId: { type: 'string' },
      items: { type: 'array', items: { type: 'object', properties: { price: { type: 'number' } } } },
    },
  },
  nodes: { 'save-order': { output: { type: 'object', properties: { id: { type: 'string' } } } }, total: {} },
  processNodeIds: ['save-order', 'total', 'notify'],
}

function rules(text: string, s: ExpressionScope = scope) {
  return checkExpression(text, s).problems.map((p) => p.rule)
}

describe('checkExpression: functions', () => {
  it.each(Object.entries(expressionFunctions.forbidden))('refuses %s with its reason', (name, reason) => {
    const { problems } = checkExpression(`${name}()`, scope)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ severity: 'error', rule: 'expression.function.forbidden' })
    expect(problems[0]?.message).toContain(reason)
    expect(problems[0]?.position).toMatchObject({ offset: 0, line: 1, column: 1 })
  })

  it('says to use run.startedAt instead of $now', () => {
    const [p] = checkExpression('"at " & $now()', scope).problems
    expect(p?.hint).toContain('run.startedAt')
    expect(p?.position).toMatchObject({ offset: 8, column: 9, length: 4 })
  })

  it('refuses a forbidden function passed as a value', () => {
    expect(rules('$map(input.items, $random)')).toEqual(['expression.function.forbidden'])
  })

  it('refuses unknown functions and accepts every allowed one by name', () => {
    expect(rules('$foo(1)')).toEqual(['expression.function.unknown'])
    for (const name of expressionFunctions.allowed) expect(rules(`${name}`)).toEqual([])
  })
})

describe('checkExpression: lambdas', () => {
  it('refuses recursion', () => {
    const { problems } = checkExpression('$f := function($x){ $f($x) }', scope)
    expect(problems.map((p) => p.rule)).toEqual(['expression.recursion'])
    expect(problems[0]?.message).toContain('recursion')
  })

  it('refuses a named function even when it does not recurse', () => {
    expect(rules('($double := function($x){ $x * 2 }; $double(input.items[0].price))')).toEqual([
      'expression.lambda.named',
    ])
  })

  it('refuses mutual recursion through named functions', () => {
    const r = rules('($f := function($x){ $g($x) }; $g := function($x){ $f($x) }; $f(1))')
    expect(r).toEqual(['expression.lambda.named', 'expression.lambda.named'])
  })

  it('accepts lambdas inline as arguments of higher-order built-ins, also through ~>', () => {
    expect(rules('$map(input.items, function($i){ $i.price * 2 })')).toEqual([])
    expect(rules('input.items ~> $filter(λ($i){ $i.price > 1 })')).toEqual([])
    expect(rules('$reduce(input.items.price, function($a, $b){ $a + $b }, 0)')).toEqual([])
  })

  it('treats partial applications like lambdas', () => {
    expect(rules('$map(input.items, $substring(?, 0, 2))')).toEqual([])
    expect(rules('$substring(?, 0, 2)')).toEqual(['expression.lambda.not-inline'])
    expect(rules('($p := $substring(?, 0, 2); $p("abc"))')).toEqual(['expression.lambda.named'])
  })

  it('refuses an immediately invoked lambda', () => {
    expect(rules('(function($x){ $x })(1)')).toEqual([
      'expression.function.not-builtin',
      'expression.lambda.not-inline',
    ])
  })

  it('accepts the rest of JSONata: transforms, group-by, sort, focus and index bindings, parent, wildcards', () => {
    for (const text of [
      'input ~> | items | { "done": true } |',
      'input.items{ sku: $sum(qty) }',
      'input.items^(>qty).sku',
      'input.items@$i.$i.sku',
      'input.items#$p.$p',
      'input.items.%.orderId',
      '**.sku',
      'nodes.*',
      '$each(input, function($v, $k){ $k })',
      '$fromMillis($toMillis(run.startedAt) + 1000)',
    ]) {
      expect(rules(text), text).toEqual([])
    }
  })

  it('refuses lambdas anywhere else and calling a variable', () => {
    expect(rules('function($x){ 1 }')).toEqual(['expression.lambda.not-inline'])
    expect(rules('$string(function($x){ 1 })')).toEqual(['expression.lambda.not-inline'])
    expect(rules('$map(input.items, function($i){ $i(1) })')).toEqual(['expression.function.not-builtin'])
  })
})

describe('checkExpression: references', () => {
  it('refuses an unknown root, naming what is available', () => {
    const [p] = checkExpression('order.id', scope).problems
    expect(p).toMatchObject({ rule: 'expression.reference.unknown-root', position: { offset: 0, length: 5 } })
    expect(p?.message).toContain('input, nodes, run')
  })

  it('suggests input.<field> when the root is an input field', () => {
    expect(checkExpression('orderId', scope).problems[0]?.hint).toBe('Did you mean input.orderId?')
  })

  it('refuses a node that has not certainly run yet, and unknown nodes', () => {
    const [p] = checkExpression('nodes.notify.id', scope).problems
    expect(p).toMatchObject({ rule: 'expression.reference.node-not-run', position: { offset: 6, column: 7 } })
    expect(p?.message).toContain('nodes.`save-order`, nodes.total')
    expect(rules('nodes.nope')).toEqual(['expression.reference.unknown-node'])
  })

  it('explains backticks for hyphenated node ids', () => {
    const [p, ...rest] = checkExpression('nodes.save-order.id', scope).problems
    expect(rest).toEqual([])
    expect(p?.message).toContain('nodes.`save-order`')
  })

  it('refuses item outside for-each and accepts it inside', () => {
    expect(rules('item.sku')).toEqual(['expression.reference.item-outside-for-each'])
    expect(rules('item.sku', { ...scope, item: {} })).toEqual([])
  })

  it('knows run.id and run.startedAt only', () => {
    expect(rules('run.id & run.startedAt')).toEqual([])
    expect(rules('run.user')).toEqual(['expression.reference.unknown-run-field'])
  })

  it('refuses unbound variables but accepts bound ones and $$', () => {
    expect(rules('$order')).toEqual(['expression.reference.unknown-variable'])
    expect(rules('($x := input.orderId; $x & "!")')).toEqual([])
    expect(rules('$$.input.orderId')).toEqual([])
    expect(rules('$$.order')).toEqual(['expression.reference.unknown-root'])
  })

  it('does not check names relative to a filter or a step', () => {
    expect(rules('$sum(input.items[price > 1].price)')).toEqual([])
    expect(rules('input.items.{ "p": price }')).toEqual([])
  })

  it('checks field paths against known schemas as warnings', () => {
    const { problems } = checkExpression('input.items.prce + nodes.`save-order`.idd', scope)
    expect(problems.map((p) => [p.severity, p.rule, p.position.offset])).toEqual([
      ['warning', 'expression.field.unknown', 12],
      ['warning', 'expression.field.unknown', 38],
    ])
    expect(problems[0]?.message).toContain('price')
    expect(rules('nodes.total.anything')).toEqual([])
    const lambda = checkExpression('$map(input.items, function($i){ $i.prise })', scope).problems
    expect(lambda.map((p) => [p.rule, p.position.offset])).toEqual([['expression.field.unknown', 35]])
    expect(lambda[0]?.message).toContain('$i has no field `prise`')
    expect(rules('$reduce(input.items, function($acc, $i){ $acc + $i.price }, 0)')).toEqual([])
  })

  it('checks only the profile without a scope', () => {
    expect(checkExpression('order.id').problems).toEqual([])
    expect(checkExpression('$now()').problems.map((p) => p.rule)).toEqual(['expression.function.forbidden'])
  })
})

describe('checkExpression: syntax and regexes', () => {
  it('locates a syntax error by line and column', () => {
    const { problems } = checkExpression('input.a +\n  (input.b', scope)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ rule: 'expression.syntax', position: { line: 2 } })
  })

  it('accepts linear-time regexes and refuses backreferences and lookaround', () => {
    expect(rules('$match(input.orderId, /[A-Z]+-[0-9]+/i)')).toEqual([])
    expect(rules('$contains(input.orderId, /(a)\\1/)')).toEqual(['expression.regex.unsupported'])
    expect(rules('$contains(input.orderId, /a(?=b)/)')).toEqual(['expression.regex.unsupported'])
  })

  it('refuses texts over the length limit', () => {
    expect(rules(`"${'a'.repeat(expressionFunctions.limits.expressionLength)}"`)).toEqual(['expression.too-long'])
  })
})
