import { describe, expect, it } from 'vitest'
import { makeProcess } from './make-process'
import { previewExpression, runPure } from './run-pure'

describe('runPure', () => {
  it('runs a pure graph in-process (waits fire at once) and reports each node', async () => {
    const p = makeProcess({
      entry: 'a',
      nodes: {
        a: { kind: 'compute', label: 'a', expression: { expr: 'input.n + 1' }, output: { type: 'number' } },
        w: { kind: 'wait', label: 'w', duration: '1d' },
        r: { kind: 'return', label: 'r', value: { expr: 'nodes.a * 2' } },
      },
      edges: ['a:out>w', 'w:out>r'],
    })
    const result = await runPure(p, { n: 1 })
    expect(result).toMatchObject({ status: 'succeeded', output: 4 })
    expect(result.nodes.w?.status).toBe('succeeded')
  })

  it('stops with needs-run at the first side-effecting node', async () => {
    const p = makeProcess({
      entry: 'a',
      nodes: {
        a: {
          kind: 'http',
          label: 'a',
          method: 'GET',
          url: 'https://example.com',
          responses: [{ status: '200', output: true, schema: true }],
          timeout: '1s',
        },
      },
    })
    expect(await runPure(p, {})).toMatchObject({ status: 'needs-run', node: 'a', kind: 'http' })
  })

  it('previews one expression and reports errors as values', async () => {
    expect(await previewExpression('$sum(input.xs)', { input: { xs: [1, 2, 3] } })).toEqual({ ok: true, value: 6 })
    const bad = await previewExpression('input.(', {})
    expect(bad.ok).toBe(false)
    const deep = await previewExpression(`${'('.repeat(300)}1${')'.repeat(300)}`, {})
    expect(deep).toMatchObject({ ok: false, message: expect.stringMatching(/stack/i) })
  })
})
