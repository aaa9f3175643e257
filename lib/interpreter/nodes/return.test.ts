import { describe, expect, it } from 'vitest'
import { driveRun } from '../drive-run'
import { makeBundle, makeProcess } from '../make-process'

describe('return', () => {
  it('ends the run with its value, checked against outputs.success', async () => {
    const p = makeProcess({
      entry: 'done',
      nodes: { done: { kind: 'return', label: 'r', value: { expr: '{"id": input.id}' } } },
      success: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    })
    expect((await driveRun(makeBundle(p), { id: 'a' })).state).toMatchObject({
      status: 'succeeded',
      output: { id: 'a' },
    })
    const bad = await driveRun(makeBundle(p), { id: 3 })
    expect(bad.state).toMatchObject({ status: 'failed', error: { name: 'output-mismatch' } })
  })

  it('refuses an input that does not match the process inputs', async () => {
    const p = makeProcess({
      entry: 'done',
      nodes: { done: { kind: 'return', label: 'r', value: { expr: '1' } } },
      inputs: { type: 'object', required: ['id'] },
    })
    const { state, commands } = await driveRun(makeBundle(p), {})
    expect(state.error?.name).toBe('input-mismatch')
    expect(commands).toEqual([{ type: 'fail', error: state.error }])
  })

  it('a graph that ends without a return fails with no-return', async () => {
    const p = makeProcess({
      entry: 'a',
      nodes: { a: { kind: 'compute', label: 'a', expression: { expr: '1' }, output: true } },
    })
    expect((await driveRun(makeBundle(p), {})).state.error?.name).toBe('no-return')
  })
})
