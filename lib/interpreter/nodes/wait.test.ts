import { describe, expect, it } from 'vitest'
import { driveRun } from '../drive-run'
import { makeBundle, makeProcess } from '../make-process'

describe('wait', () => {
  it('plans a durable timer of the declared duration; output null', async () => {
    const p = makeProcess({
      entry: 'pause',
      nodes: {
        pause: { kind: 'wait', label: 'w', duration: '90s' },
        done: { kind: 'return', label: 'r', value: { expr: '[nodes.pause]' } },
      },
      edges: ['pause:out>done'],
    })
    const { state, commands } = await driveRun(makeBundle(p), {})
    expect(commands[0]).toMatchObject({ type: 'start-timer', node: 'pause', durationMs: 90_000, reason: 'wait' })
    expect(state.output).toEqual([null])
  })

  it('waits until an ISO time, measured from the run start', async () => {
    const p = makeProcess({
      entry: 'pause',
      nodes: {
        pause: { kind: 'wait', label: 'w', until: { expr: 'input.at' } },
        done: { kind: 'return', label: 'r', value: { expr: '1' } },
      },
      edges: ['pause:out>done'],
    })
    const { commands } = await driveRun(makeBundle(p), { at: '2026-01-01T00:05:00.000Z' })
    expect(commands[0]).toMatchObject({ type: 'start-timer', durationMs: 300_000 })
    const bad = await driveRun(makeBundle(p), { at: 'soon' })
    expect(bad.state.error?.name).toBe('expression')
  })
})
