import { describe, expect, it } from 'vitest'
import { parseOurJson } from './parse-our-json'

const path = 'processes/a.process.json'

describe('parseOurJson', () => {
  it('parses JSON and locates any pointer (1-based line and column)', () => {
    const text = '{\n  "format": "backplane.process/v1",\n  "nodes": {\n    "a": { "kind": "compute" }\n  }\n}\n'
    const r = parseOurJson({ path, text })
    expect(r.problems).toEqual([])
    expect(r.value).toEqual({ format: 'backplane.process/v1', nodes: { a: { kind: 'compute' } } })
    expect(r.sourceMap.locate('/format')).toMatchObject({ line: 2, column: 13 })
    expect(r.sourceMap.locateKey('/format')).toMatchObject({ line: 2, column: 3 })
    expect(r.sourceMap.locate('/nodes/a/kind')).toMatchObject({ line: 4, column: 20 })
    // A pointer to something missing lands on the nearest enclosing value.
    expect(r.sourceMap.locate('/nodes/a/label')).toMatchObject({ line: 4, column: 10 })
    expect(r.sourceMap.locate('')).toMatchObject({ line: 1, column: 1 })
  })

  it('reports a trailing comma at its line and column, and gives no value', () => {
    const r = parseOurJson({ path, text: '{\n  "a": 1,\n}\n' })
    expect(r.value).toBeUndefined()
    expect(r.problems[0]).toMatchObject({ rule: 'json.syntax', file: path, line: 3, column: 1, severity: 'error' })
    expect(r.problems[0]?.message).toMatch(/property name/)
  })

  it('refuses comments, missing commas, unclosed strings and empty files, each located', () => {
    const comment = parseOurJson({ path, text: '{\n  // no\n  "a": 1\n}' })
    expect(comment.problems[0]).toMatchObject({ rule: 'json.syntax', line: 2, column: 3 })
    expect(comment.problems[0]?.message).toMatch(/comments are not allowed/)
    const comma = parseOurJson({ path, text: '{ "a": 1\n  "b": 2 }' })
    expect(comma.problems[0]).toMatchObject({ line: 2, column: 3 })
    expect(comma.problems[0]?.message).toMatch(/comma/)
    const unclosed = parseOurJson({ path, text: '{ "a": "abc' })
    expect(unclosed.problems.some((p) => /not closed/.test(p.message))).toBe(true)
    const empty = parseOurJson({ path, text: '' })
    expect(empty.problems[0]).toMatchObject({ rule: 'json.syntax', line: 1, column: 1 })
  })

  it('reports duplicate keys (a reader would drop one) at the second key', () => {
    const r = parseOurJson({ path, text: '{\n  "a": 1,\n  "a": 2\n}' })
    expect(r.value).toBeUndefined()
    expect(r.problems).toEqual([
      expect.objectContaining({ rule: 'json.duplicate-key', pointer: '/a', line: 3, column: 3 }),
    ])
  })

  it('accepts a BOM and keeps __proto__ as an own property', () => {
    const r = parseOurJson({ path, text: '\uFEFF{"__proto__": {"x": 1}}' })
    expect(r.problems).toEqual([])
    const value = r.value as Record<string, unknown>
    expect(Object.hasOwn(value, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
  })

  it('never throws on garbage', () => {
    for (const text of ['}', '[[[', '"\\u12"', '{"a":}', '\u0000', 'nul', '1 2']) {
      const r = parseOurJson({ path, text })
      expect(r.problems.length, text).toBeGreaterThan(0)
      for (const p of r.problems) expect(p.line).toBeGreaterThan(0)
    }
  })
})
