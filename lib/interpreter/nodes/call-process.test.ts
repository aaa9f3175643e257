import { describe, expect, it } from 'vitest'
import { driveRun } from '../drive-run'
import { makeBundle, makeProcess } from '../make-process'

const callee = makeProcess({
  name: 'reserve',
  entry: 'r',
  nodes: { r: { kind: 'return', label: 'r', value: { expr: '1' } } },
})
const caller = makeProcess({
  entry: 'reserve',
  nodes: {
    reserve: {
      kind: 'call-process',
      label: 'reserve',
      process: 'reserve',
      input: { expr: '{"sku": input.sku}' },
      timeout: '1m',
      catch: [{ port: 'catch-stock', errors: ['error.OutOfStock'] }],
    },
    ok: { kind: 'return', label: 'ok', value: { expr: 'nodes.reserve' } },
    sorry: { kind: 'return', label: 'sorry', value: { expr: '"sorry: " & nodes.reserve.error.details.sku' } },
  },
  edges: ['reserve:out>ok', 'reserve:catch-stock>sorry'],
})
const bundle = makeBundle(caller, { processes: { reserve: callee } })

describe('call-process', () => {
  it('starts a child run of the named process with the resolved input and the node timeout', async () => {
    const { state, commands } = await driveRun(
      bundle,
      { sku: 'A' },
      { child: () => ({ ok: true, value: { held: true } }) },
    )
    expect(commands[0]).toMatchObject({
      type: 'start-child',
      process: 'reserve',
      input: { sku: 'A' },
      timeoutMs: 60_000,
    })
    expect(state.output).toEqual({ held: true })
  })

  it("surfaces the callee's declared errors as error.<Name>; undeclared ones keep their name", async () => {
    const declared = await driveRun(
      bundle,
      { sku: 'A' },
      {
        child: () => ({
          ok: false,
          error: { name: 'OutOfStock', message: 'none', details: { sku: 'A' }, declared: true },
        }),
      },
    )
    expect(declared.state.output).toBe('sorry: A')
    const other = await driveRun(
      bundle,
      { sku: 'A' },
      {
        child: () => ({ ok: false, error: { name: 'timeout', message: 'child timed out' } }),
      },
    )
    expect(other.state.error).toMatchObject({ name: 'timeout', node: 'reserve' })
  })
})
