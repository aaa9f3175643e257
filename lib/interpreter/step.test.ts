import { describe, expect, it } from 'vitest'
import { driveRun } from './drive-run'
import { makeBundle, makeProcess } from './make-process'
import type { HttpNode } from './process-types'
import { startRun, step } from './step'

const http = (id: string): HttpNode => ({
  kind: 'http',
  label: id,
  method: 'GET',
  url: `https://example.com/${id}`,
  responses: [{ status: '200', output: true, schema: true }],
  timeout: '1s',
})

const parallel = makeProcess({
  entry: 'start',
  nodes: {
    start: { kind: 'compute', label: 's', expression: { expr: '1' }, output: true },
    left: http('left'),
    right: http('right'),
    join: { kind: 'return', label: 'j', value: { expr: '[nodes.left, nodes.right]' } },
  },
  edges: ['start:out>left', 'start:out>right', 'left:out>join', 'right:out>join'],
})

describe('step', () => {
  it('fans out on one port (both activities in one plan) and joins when every live branch is done', async () => {
    const run = startRun(makeBundle(parallel), {}, { id: 'r1', startedAt: '2026-01-01T00:00:00.000Z', seed: 1 })
    const first = await step(run, { type: 'start' })
    expect(first.plan.map((c) => c.type)).toEqual(['call-activity', 'call-activity'])
    const [a, b] = first.plan
    const body = (v: string) => ({ status: 200, headers: {}, body: v })
    const second = await step(first.run, {
      type: 'activity-completed',
      id: b?.type === 'call-activity' ? b.id : '',
      result: body('R'),
    })
    expect(second.plan).toEqual([])
    expect(second.state.nodes.right?.status).toBe('succeeded')
    const third = await step(second.run, {
      type: 'activity-completed',
      id: a?.type === 'call-activity' ? a.id : '',
      result: body('L'),
    })
    expect(third.plan).toEqual([{ type: 'complete', output: ['L', 'R'] }])
  })

  it('is pure: the input run is never changed, and the same run + event give the same result', async () => {
    const run = startRun(makeBundle(parallel), {}, { id: 'r1', startedAt: '2026-01-01T00:00:00.000Z', seed: 1 })
    const before = JSON.stringify(run.state)
    const one = await step(run, { type: 'start' })
    const two = await step(run, { type: 'start' })
    expect(JSON.stringify(run.state)).toBe(before)
    expect(JSON.stringify(one.state)).toBe(JSON.stringify(two.state))
    expect(one.plan).toEqual(two.plan)
  })

  it('ignores results for commands it no longer waits for, and answers a finished run with its end', async () => {
    const { state } = await driveRun(
      makeBundle(parallel),
      {},
      {
        activity: () => ({ ok: true, value: { status: 200, headers: {}, body: 1 } }),
      },
    )
    const late = await step(
      { bundle: makeBundle(parallel), state },
      { type: 'activity-completed', id: 'c1', result: 1 },
    )
    expect(late.plan).toEqual([])
    expect((await step({ bundle: makeBundle(parallel), state }, { type: 'start' })).plan).toEqual([
      { type: 'complete', output: [1, 1] },
    ])
  })
})
