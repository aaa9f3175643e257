import { describe, expect, it } from 'vitest'
import { driveRun } from '../drive-run'
import { makeBundle, makeProcess } from '../make-process'

const ret = { kind: 'return', label: 'r', value: { expr: 'nodes.total' } } as const

describe('compute', () => {
  it('evaluates its expression over input and run, and passes the value on', async () => {
    const p = makeProcess({
      entry: 'total',
      nodes: {
        total: { kind: 'compute', label: 't', expression: { expr: 'input.a * input.b' }, output: { type: 'number' } },
        done: ret,
      },
      edges: ['total:out>done'],
      success: { type: 'number' },
    })
    const { state } = await driveRun(makeBundle(p), { a: 6, b: 7 })
    expect(state.status).toBe('succeeded')
    expect(state.output).toBe(42)
    expect(state.nodes.total?.status).toBe('succeeded')
  })

  it('fails with output-mismatch when the value does not match its output schema', async () => {
    const p = makeProcess({
      entry: 'total',
      nodes: {
        total: { kind: 'compute', label: 't', expression: { expr: '"x"' }, output: { type: 'number' } },
        done: ret,
      },
      edges: ['total:out>done'],
    })
    const { state } = await driveRun(makeBundle(p), {})
    expect(state.status).toBe('failed')
    expect(state.error).toMatchObject({ name: 'output-mismatch', node: 'total', declared: false })
  })

  it('fails with a typed expression error on a runtime error, and reads run.id and run.startedAt', async () => {
    const bad = makeProcess({
      entry: 'total',
      nodes: {
        total: { kind: 'compute', label: 't', expression: { expr: '"a" + 1' }, output: true },
        done: ret,
      },
      edges: ['total:out>done'],
    })
    const { state } = await driveRun(makeBundle(bad), {})
    expect(state.error?.name).toBe('expression')
    const runFacts = makeProcess({
      entry: 'total',
      nodes: {
        total: { kind: 'compute', label: 't', expression: { expr: 'run.id & "@" & run.startedAt' }, output: true },
        done: ret,
      },
      edges: ['total:out>done'],
    })
    const ok = await driveRun(makeBundle(runFacts), {})
    expect(ok.state.output).toBe('run_test@2026-01-01T00:00:00.000Z')
  })
})
