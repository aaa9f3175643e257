import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../doc'
import { apiCanvas } from './api-canvas'
import { gridSlot } from './layout-positions'
import type { DesignView } from './read-design'

function design(api: JsonObject, canvas: JsonObject = {}): DesignView {
  return { project: {}, apis: { a: api }, processes: {}, databases: {}, queues: {}, canvas }
}
const positions = (view: DesignView) =>
  Object.fromEntries(apiCanvas(view, 'a').nodes.map((n) => [n.id, n.position] as const))

describe('apiCanvas default layout', () => {
  const rest = {
    type: 'rest',
    spec: {
      openapi: '3.1.0',
      paths: {
        '/orders': { post: { responses: {} }, get: { responses: {} } },
        '/orders/{id}': { delete: { responses: {} } },
      },
    },
  }

  it('puts each REST path on a row of its own with its operations beside it, in method order', () => {
    expect(positions(design(rest))).toEqual({
      '/paths/~1orders': gridSlot(0, 0),
      '/paths/~1orders/get': gridSlot(1, 0),
      '/paths/~1orders/post': gridSlot(2, 0),
      '/paths/~1orders~1{id}': gridSlot(0, 1),
      '/paths/~1orders~1{id}/delete': gridSlot(1, 1),
    })
  })

  it('keeps a saved position and lays the rest out as if it were not saved', () => {
    const canvas = { canvases: { 'api:a': { positions: { '/paths/~1orders/get': { x: 5, y: 7 } } } } }
    const placed = positions(design(rest, canvas))
    expect(placed['/paths/~1orders/get']).toEqual({ x: 5, y: 7 })
    expect(placed['/paths/~1orders/post']).toEqual(gridSlot(2, 0))
  })

  it("puts each event operation on its channel's row, and one of an unknown channel on a row after them", () => {
    const event = {
      type: 'event',
      spec: {
        asyncapi: '3.0.0',
        channels: { orders: { address: 'orders' }, payments: { address: 'payments' } },
        operations: {
          publishOrder: { action: 'send', channel: { $ref: '#/channels/orders' } },
          chargeCard: { action: 'receive', channel: { $ref: '#/channels/payments' } },
          watchOrder: { action: 'receive', channel: { $ref: '#/channels/orders' } },
          stray: { action: 'send', channel: { $ref: '#/channels/gone' } },
          // A relative file reference, not a local one: it names no box here, though it ends like one.
          remote: { action: 'send', channel: { $ref: './channels/orders' } },
        },
      },
    }
    const view = design(event)
    expect(positions(view)).toEqual({
      '/channels/orders': gridSlot(0, 0),
      '/channels/payments': gridSlot(0, 1),
      '/operations/publishOrder': gridSlot(1, 0),
      '/operations/chargeCard': gridSlot(1, 1),
      '/operations/watchOrder': gridSlot(2, 0),
      '/operations/stray': gridSlot(1, 2),
      '/operations/remote': gridSlot(1, 3),
    })
    // The edges still come from the declarations only: none for the operation whose channel is not declared.
    expect(apiCanvas(view, 'a').edges.map((e) => e.id)).toEqual([
      '/channels/orders->/operations/publishOrder',
      '/channels/payments->/operations/chargeCard',
      '/channels/orders->/operations/watchOrder',
    ])
  })
})
