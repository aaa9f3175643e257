import { describe, expect, it } from 'vitest'
import { driveRun } from '../drive-run'
import { makeBundle, makeProcess } from '../make-process'
import type { QueueFile } from '../process-types'

const queue: QueueFile = {
  format: 'backplane.queue/v1',
  id: 'que_0000000000000000test',
  name: 'fulfilment',
  description: '',
  message: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
  producers: ['test-process'],
  consumers: { ship: { concurrency: 1 } },
  delivery: { ordering: 'unordered', mode: 'fan-out' },
  retry: { maxAttempts: 3, interval: '1s', backoffRate: 2, jitter: 'none' },
  deadLetter: { store: 'project' },
}

const p = makeProcess({
  entry: 'publish',
  nodes: {
    publish: {
      kind: 'queue-publish',
      label: 'p',
      queue: 'fulfilment',
      message: { expr: '{"orderId": input.id}' },
      timeout: '5s',
    },
    done: { kind: 'return', label: 'r', value: { expr: 'nodes.publish' } },
  },
  edges: ['publish:out>done'],
})

describe('queue-publish', () => {
  it('checks the message against the queue schema and publishes it under a deterministic message id', async () => {
    const { state, commands } = await driveRun(
      makeBundle(p, { queues: { fulfilment: queue } }),
      { id: 'o1' },
      {
        activity: (c) => ({
          ok: true,
          value: { messageId: c.request.kind === 'queue-publish' ? c.request.messageId : '' },
        }),
      },
    )
    expect(commands[0]).toMatchObject({
      type: 'call-activity',
      request: {
        kind: 'queue-publish',
        queue: 'fulfilment',
        message: { orderId: 'o1' },
        messageId: 'run_test/publish',
      },
    })
    expect(state.output).toEqual({ messageId: 'run_test/publish' })
  })

  it('a message that does not match the queue schema is never sent (output-mismatch)', async () => {
    const { state, commands } = await driveRun(makeBundle(p, { queues: { fulfilment: queue } }), {})
    expect(state.error?.name).toBe('output-mismatch')
    expect(commands.some((c) => c.type === 'call-activity')).toBe(false)
  })
})
