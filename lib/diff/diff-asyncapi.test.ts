import { describe, expect, it } from 'vitest'
import type { Spec } from '../formats/spec'
import type { Change } from './change'
import { diffAsyncApi } from './diff-asyncapi'
import { emitterFor } from './emitter'

type Doc = Record<string, unknown>
const spec = (document: Doc): Spec => ({ kind: 'asyncapi', version: '3.0.0', serialization: 'json', document })

/** One channel, one message, one operation of the given action. */
function doc(options: {
  action?: 'send' | 'receive'
  address?: string
  payload?: Doc
  messages?: string[]
  operation?: boolean
}): Doc {
  const messages = options.messages ?? ['orderPlaced']
  const payload = options.payload ?? {
    type: 'object',
    required: ['orderId'],
    properties: { orderId: { type: 'string' }, total: { type: 'integer' } },
  }
  return {
    asyncapi: '3.0.0',
    info: { title: 'Events', version: '1.0.0' },
    channels: {
      orders: {
        address: options.address ?? 'orders.placed',
        messages: Object.fromEntries(messages.map((m) => [m, { payload }])),
      },
    },
    operations:
      options.operation === false
        ? {}
        : {
            publishOrder: {
              action: options.action ?? 'send',
              channel: { $ref: '#/channels/orders' },
              messages: messages.map((m) => ({ $ref: `#/channels/orders/messages/${m}` })),
            },
          },
  }
}

function diff(before: Doc, after: Doc): Change[] {
  const out: Change[] = []
  diffAsyncApi(spec(before), spec(after), emitterFor(out, { area: 'api', entity: 'events', file: 'apis/e.json' }))
  return out
}
const breaking = (changes: Change[]) => changes.filter((c) => c.breaking).map((c) => c.breaking)

describe('diffAsyncApi', () => {
  it('reports nothing for equal documents', () => {
    expect(diff(doc({}), doc({}))).toEqual([])
  })

  it('flags a removed channel and its operation', () => {
    const after = { ...doc({}), channels: {}, operations: {} }
    expect(breaking(diff(doc({}), after)).sort()).toEqual(['channel-removed', 'operation-removed'])
  })

  it('flags a changed address', () => {
    expect(diff(doc({}), doc({ address: 'orders.created' }))).toEqual([
      expect.objectContaining({ field: 'address', breaking: 'channel-address-changed', after: 'orders.created' }),
    ])
  })

  it('flags a removed message (from the channel and from the operation); an added one is not breaking', () => {
    const before = doc({ messages: ['orderPlaced', 'orderCancelled'] })
    const after = doc({ messages: ['orderPlaced'] })
    expect(breaking(diff(before, after))).toEqual(['message-removed', 'message-removed'])
    expect(breaking(diff(after, before))).toEqual([])
  })

  it('judges payloads by who consumes them: a field removed from a sent message breaks subscribers', () => {
    const fewer = { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' } } }
    expect(diff(doc({ action: 'send' }), doc({ action: 'send', payload: fewer }))).toEqual([
      expect.objectContaining({ field: 'message orderPlaced payload.total', breaking: 'response-field-removed' }),
    ])
    expect(breaking(diff(doc({ action: 'receive' }), doc({ action: 'receive', payload: fewer })))).toEqual([])
  })

  it('a new required field of a received message breaks senders', () => {
    const more = {
      type: 'object',
      required: ['orderId', 'currency'],
      properties: { orderId: { type: 'string' }, total: { type: 'integer' }, currency: { type: 'string' } },
    }
    expect(breaking(diff(doc({ action: 'receive' }), doc({ action: 'receive', payload: more })))).toEqual([
      'required-field-added',
    ])
    expect(breaking(diff(doc({ action: 'send' }), doc({ action: 'send', payload: more })))).toEqual([])
  })

  it('flags a changed action and a removed operation', () => {
    expect(breaking(diff(doc({ action: 'send' }), doc({ action: 'receive' })))).toContain('operation-action-changed')
    expect(breaking(diff(doc({}), doc({ operation: false })))).toEqual(['operation-removed'])
  })
})
