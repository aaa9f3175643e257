import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ExpressionContext, evaluateExpression } from './evaluate-expression'
import { Re2RegExp, type RegexEngine } from './re2-regex-engine'

// Regexes from a small grammar both engines read the same way (no backreferences or lookaround).
const atom = fc.constantFrom('a', 'b', '[ab]', '[^a]', '.', '\\d', 'c')
const piece = fc.tuple(atom, fc.constantFrom('', '*', '+', '?', '{1,2}')).map(([a, q]) => a + q)
const seq = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''))
const regex = fc
  .tuple(seq, fc.option(seq, { nil: undefined }), fc.boolean(), fc.boolean(), fc.boolean())
  .map(([a, b, group, start, end]) => {
    const body = b === undefined ? a : `${a}|${b}`
    return `${start ? '^' : ''}${group ? `(${body})` : body}${end ? '$' : ''}`
  })
const text = fc.stringMatching(/^[abc1 ]{0,12}$/)

const native = RegExp as unknown as RegexEngine
const context = (s: string): ExpressionContext => ({
  input: { s },
  nodes: {},
  run: { id: 'r', startedAt: '2026-01-01T00:00:00Z' },
})

describe('Re2RegExp', () => {
  it('gives the same $match, $replace, $split and $contains results as the native engine', async () => {
    let matched = 0
    await fc.assert(
      fc.asyncProperty(regex, text, fc.boolean(), async (source, s, caseless) => {
        const re = `/${source}/${caseless ? 'i' : ''}`
        for (const expr of [
          `$match(input.s, ${re})`,
          `$replace(input.s, ${re}, "#")`,
          `$split(input.s, ${re})`,
          `$contains(input.s, ${re})`,
        ]) {
          const ours = await evaluateExpression(expr, context(s))
          const theirs = await evaluateExpression(expr, context(s), { regexEngine: native })
          if (expr.startsWith('$contains') && ours.ok && ours.value === true) matched++
          // Both engines either agree on the value or both refuse (e.g. D1004 on an empty match).
          expect(ours.ok ? ours.value : ours.error.jsonataCode, `${expr} on ${JSON.stringify(s)}`).toEqual(
            theirs.ok ? theirs.value : theirs.error.jsonataCode,
          )
        }
      }),
      { numRuns: 300, seed: 20261202 },
    )
    // The grammar must produce matching cases, or the property proves nothing.
    expect(matched).toBeGreaterThan(50)
  })

  it('reports groups that did not take part as undefined, like RegExp', () => {
    const m = new Re2RegExp(/(a)|(b)/).exec('b')
    expect(m?.[0]).toBe('b')
    expect(m?.[1]).toBeUndefined()
    expect(m?.[2]).toBe('b')
    expect(m?.index).toBe(0)
  })
})
