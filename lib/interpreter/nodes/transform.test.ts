import { describe, expect, it } from 'vitest'
import { driveRun } from '../drive-run'
import { makeBundle, makeProcess } from '../make-process'

describe('transform', () => {
  it('builds an object field by field in declared order, leaving out fields with no value', async () => {
    const p = makeProcess({
      entry: 'shape',
      nodes: {
        shape: {
          kind: 'transform',
          label: 's',
          fields: {
            b: { expr: 'input.x + 1' },
            a: { expr: '$uppercase(input.name)' },
            gone: { expr: 'input.missing' },
          },
          output: { type: 'object', required: ['a', 'b'] },
        },
        done: { kind: 'return', label: 'r', value: { expr: 'nodes.shape' } },
      },
      edges: ['shape:out>done'],
    })
    const { state } = await driveRun(makeBundle(p), { x: 1, name: 'ada' })
    expect(state.output).toEqual({ b: 2, a: 'ADA' })
    expect(Object.keys(state.output as object)).toEqual(['b', 'a'])
  })

  it('fails with output-mismatch against its output schema', async () => {
    const p = makeProcess({
      entry: 'shape',
      nodes: {
        shape: {
          kind: 'transform',
          label: 's',
          fields: { a: { expr: '1' } },
          output: { type: 'object', required: ['z'] },
        },
        done: { kind: 'return', label: 'r', value: { expr: 'nodes.shape' } },
      },
      edges: ['shape:out>done'],
    })
    const { state } = await driveRun(makeBundle(p), {})
    expect(state.error).toMatchObject({ name: 'output-mismatch', node: 'shape' })
  })
})
