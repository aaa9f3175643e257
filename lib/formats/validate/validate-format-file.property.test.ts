import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPlainObject } from '../pointer'
import { loadExamples } from '../test-support'
import { validateFormatFile } from './validate-format-file'

/** Every pointer to a value inside `v` (objects and arrays), the root excluded. */
function pointers(v: unknown, base = ''): string[] {
  const out: string[] = []
  const children: [string, unknown][] = Array.isArray(v)
    ? v.map((x, i) => [String(i), x])
    : isPlainObject(v)
      ? Object.entries(v)
      : []
  for (const [k, x] of children) {
    const p = `${base}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`
    out.push(p, ...pointers(x, p))
  }
  return out
}

type Mutation = { at: number; op: 'set' | 'delete' | 'add'; value: unknown; key: string }

function mutate(value: unknown, m: Mutation): unknown {
  const copy = structuredClone(value)
  const all = pointers(copy)
  const pointer = all[m.at % Math.max(all.length, 1)]
  if (pointer === undefined) return isPlainObject(copy) ? { ...copy, [m.key]: m.value } : copy
  const segments = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
  const last = segments.pop()!
  let parent: unknown = copy
  for (const s of segments) parent = Array.isArray(parent) ? parent[Number(s)] : (parent as Record<string, unknown>)[s]
  if (Array.isArray(parent)) {
    if (m.op === 'delete') parent.splice(Number(last), 1)
    else if (m.op === 'add') parent.push(m.value)
    else parent[Number(last)] = m.value
  } else if (isPlainObject(parent)) {
    if (m.op === 'delete') delete parent[last]
    else if (m.op === 'add') parent[m.key] = m.value
    else parent[last] = m.value
  }
  return copy
}

const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom<'set' | 'delete' | 'add'>('set', 'delete', 'add'),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('compute', 'http', 'get', 'sync', '', 'x-y', 0, -1)),
  key: fc.oneof(fc.constantFrom('kind', 'op', 'label', 'timeout', 'Bad Key', 'extra'), fc.string({ maxLength: 6 })),
})

describe('validateFormatFile (property)', () => {
  it('turns any mutation of an example into located, readable problems and never throws', () => {
    const examples = loadExamples()
    fc.assert(
      fc.property(fc.nat({ max: examples.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (i, ms) => {
        const ex = examples[i]!
        let value: unknown = JSON.parse(ex.text)
        for (const m of ms) value = mutate(value, m)
        const text = JSON.stringify(value, null, 2)
        const r = validateFormatFile({ path: ex.path, text })
        for (const p of r.problems) {
          expect(p.file).toBe(ex.path)
          expect(p.line, p.message).toBeGreaterThan(0)
          expect(p.column, p.message).toBeGreaterThan(0)
          expect(p.rule).toMatch(/^(schema|json-schema|format|files)\.[a-zA-Z-]+$/)
          expect(p.message.length).toBeGreaterThan(5)
          // ajv's raw wording never reaches users.
          expect(p.message).not.toMatch(/must match "then" schema|must NOT have|must match exactly one schema/)
        }
        if (!r.valid) expect(r.problems.some((p) => p.severity === 'error')).toBe(true)
      }),
      { numRuns: 300, seed: 424242 },
    )
  })
})
