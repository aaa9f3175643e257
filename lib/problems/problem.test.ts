import { describe, expect, it } from 'vitest'
import { problem, sortProblems } from './index'

describe('problem', () => {
  it('fills defaults and drops undefined optionals', () => {
    const p = problem({ severity: 'error', code: 'x', rule: 'r', message: 'm', file: undefined, line: 3 })
    expect(p).toEqual({ severity: 'error', code: 'x', rule: 'r', message: 'm', hint: '', pointer: '', line: 3 })
    expect(Object.hasOwn(p, 'file')).toBe(false)
  })
})

describe('sortProblems', () => {
  it('orders by file, line, column, then severity, without mutating the input', () => {
    const a = problem({ severity: 'warning', code: 'a', rule: 'r', message: 'a', file: 'b.yaml', line: 1 })
    const b = problem({ severity: 'error', code: 'b', rule: 'r', message: 'b', file: 'a.yaml', line: 9 })
    const c = problem({ severity: 'error', code: 'c', rule: 'r', message: 'c', file: 'b.yaml', line: 1 })
    const input = [a, b, c]
    expect(sortProblems(input).map((p) => p.code)).toEqual(['b', 'c', 'a'])
    expect(input.map((p) => p.code)).toEqual(['a', 'b', 'c'])
  })
})
