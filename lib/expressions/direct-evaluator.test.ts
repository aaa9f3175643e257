import jsonata from 'jsonata'
import { describe, expect, it } from 'vitest'
import { compileDirectEvaluator, DECLINED } from './direct-evaluator'
import { expressionFunctions } from './expression-functions'

const limits = expressionFunctions.limits

function direct(text: string, root: Record<string, unknown>): unknown {
  const evaluator = compileDirectEvaluator(jsonata(text).ast(), limits)
  return evaluator ? evaluator(root) : DECLINED
}

/** jsonata's answer as plain JSON (its sequences carry extra flags), or the thrown error's code. */
async function reference(text: string, root: Record<string, unknown>): Promise<{ value: unknown } | { code: string }> {
  try {
    const v = await jsonata(text, { stack: limits.stack, sequence: limits.sequence }).evaluate(root)
    return { value: v === undefined ? undefined : JSON.parse(JSON.stringify(v)) }
  } catch (e) {
    return { code: String((e as { code?: unknown }).code ?? e) }
  }
}

// A small seeded generator (mulberry32): the same cases on every run.
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const root = {
  input: {
    n: 3,
    m: -2.5,
    z: 0,
    big: 1e308,
    s: 'abc',
    e: '',
    t: true,
    f: false,
    nul: null,
    arr: [1, 2, 3],
    one: [5],
    objs: [{ n: 1 }, { n: 2 }],
    o: { n: 7, s: 'x', inner: { k: 'deep' }, list: [1] },
  },
  nodes: { a: { v: 1, name: 'A' }, b: { v: 2, items: [] } },
  run: { id: 'run_1', startedAt: '2026-01-01T00:00:00.000Z' },
}

const paths = [
  'input.n',
  'input.m',
  'input.z',
  'input.big',
  'input.s',
  'input.e',
  'input.t',
  'input.f',
  'input.nul',
  'input.arr',
  'input.one',
  'input.objs.n',
  'input.o',
  'input.o.n',
  'input.o.inner.k',
  'input.o.list',
  'input.missing',
  'input.s.length',
  'input.constructor',
  'input.__proto__',
  'nodes.a.v',
  'nodes.b.items',
  'run.id',
  'input',
]
const literals = ['1', '0', '-1', '2.5', '"x"', '""', 'true', 'false', 'null', '1e308']
const binary = ['+', '-', '*', '/', '%', '=', '!=', '<', '<=', '>', '>=', 'and', 'or', '&']

function generate(next: () => number, depth: number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)] as T
  const r = next()
  if (depth <= 0 || r < 0.3) return next() < 0.6 ? pick(paths) : pick(literals)
  if (r < 0.6) return `(${generate(next, depth - 1)} ${pick(binary)} ${generate(next, depth - 1)})`
  if (r < 0.68) return `-${generate(next, depth - 1)}`
  if (r < 0.78) return `(${generate(next, depth - 1)} ? ${generate(next, depth - 1)} : ${generate(next, depth - 1)})`
  if (r < 0.86) return `[${generate(next, depth - 1)}, ${generate(next, depth - 1)}]`
  if (r < 0.94) return `{"a": ${generate(next, depth - 1)}, "b": ${generate(next, depth - 1)}}`
  // Outside the modelled subset: must be declined at compile time.
  return pick([`$string(${generate(next, depth - 1)})`, 'input.arr[0]', '$sum(input.arr)', 'input.objs[n > 1]'])
}

describe('direct evaluator', () => {
  it('gives exactly jsonata’s value wherever it answers, and declines wherever jsonata throws', async () => {
    const next = random(20261202)
    let answered = 0
    const total = 3000
    for (let i = 0; i < total; i++) {
      const text = generate(next, 3)
      const mine = direct(text, root)
      const ref = await reference(text, root)
      if (mine === DECLINED) continue
      answered++
      expect(ref, text).toEqual({ value: mine === undefined ? undefined : JSON.parse(JSON.stringify(mine)) })
    }
    // The subset must carry real weight, or the interpreter would gain nothing from it.
    expect(answered / total).toBeGreaterThan(0.3)
  })

  it('answers the plain expressions processes write', () => {
    expect(direct('input.n + 1', root)).toBe(4)
    expect(direct('nodes.a.name & "-" & run.id', root)).toBe('A-run_1')
    expect(direct('input.n > 2 and input.t', root)).toBe(true)
    expect(direct('input.n > 5 ? "big" : "small"', root)).toBe('small')
    expect(direct('{"total": input.n * 2, "who": nodes.a.name, "none": input.missing}', root)).toEqual({
      total: 6,
      who: 'A',
    })
    expect(direct('[input.n, [1, 2], input.missing]', root)).toEqual([3, [1, 2]])
    expect(direct('input.o', root)).toBe(root.input.o)
  })

  it('leaves arrays on paths, functions, predicates and type errors to jsonata', () => {
    for (const text of [
      'input.arr',
      'input.objs.n',
      'input.one',
      '$sum(input.arr)',
      'input.arr[0]',
      'input.objs[n > 1].n',
      'input.s + 1',
      'input.n & "x"',
      'input.big * 10',
      'input.o = input.o',
      '{"a": 1, "a": 2}',
      '[(input.n > 0 ? [1, 2] : [3])]',
      '$',
      'input.x[]',
    ])
      expect(direct(text, root), text).toBe(DECLINED)
  })

  it('declines an expression nested deeper than half the stack limit', () => {
    const deep = `${'('.repeat(limits.stack)}1${' + 1)'.repeat(limits.stack)}`
    expect(compileDirectEvaluator(jsonata(deep).ast(), limits)).toBeUndefined()
  })
})
