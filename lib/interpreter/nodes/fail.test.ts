import { describe, expect, it } from 'vitest'
import { driveRun } from '../drive-run'
import { makeBundle, makeProcess } from '../make-process'

const errors = {
  OutOfStock: {
    description: 'Not enough stock',
    schema: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] },
  },
}

describe('fail', () => {
  it('ends the run with a declared, typed error and its details', async () => {
    const p = makeProcess({
      entry: 'no',
      nodes: { no: { kind: 'fail', label: 'f', error: 'OutOfStock', details: { expr: '{"sku": input.sku}' } } },
      errors,
    })
    const { state } = await driveRun(makeBundle(p), { sku: 'A1' })
    expect(state.error).toEqual({
      name: 'OutOfStock',
      message: 'Not enough stock',
      details: { sku: 'A1' },
      declared: true,
      node: 'no',
    })
  })

  it('details not matching the error schema give output-mismatch; an undeclared error is unsupported', async () => {
    const bad = makeProcess({
      entry: 'no',
      nodes: { no: { kind: 'fail', label: 'f', error: 'OutOfStock', details: { expr: '{}' } } },
      errors,
    })
    expect((await driveRun(makeBundle(bad), {})).state.error?.name).toBe('output-mismatch')
    const undeclared = makeProcess({
      entry: 'no',
      nodes: { no: { kind: 'fail', label: 'f', error: 'Nope', details: { expr: '{}' } } },
    })
    expect((await driveRun(makeBundle(undeclared), {})).state.error?.name).toBe('unsupported')
  })
})
