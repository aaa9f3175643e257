import { describe, expect, it } from 'vitest'
import type { Spec } from '../formats/spec'
import type { Change } from './change'
import { diffOpenApi } from './diff-openapi'
import { emitterFor } from './emitter'

type Doc = Record<string, unknown>

const spec = (document: Doc): Spec => ({ kind: 'openapi', version: '3.1.0', serialization: 'json', document })
const clone = <T>(v: T): T => structuredClone(v)

function base(): Doc {
  return {
    openapi: '3.1.0',
    info: { title: 'Orders', version: '1.0.0' },
    paths: {
      '/orders/{id}': {
        get: {
          operationId: 'getOrder',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } },
            { name: 'expand', in: 'query', schema: { type: 'string', enum: ['items', 'customer'] } },
          ],
          responses: {
            '200': {
              description: 'The order',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['id', 'status'],
                    properties: { id: { type: 'string' }, status: { type: 'string' }, note: { type: 'string' } },
                  },
                },
              },
            },
            '404': { description: 'Not found' },
          },
        },
      },
      '/orders': {
        post: {
          operationId: 'createOrder',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/NewOrder' } } },
          },
          responses: { '201': { description: 'Created' } },
          security: [{ apiKey: [] }],
        },
      },
    },
    components: {
      schemas: {
        NewOrder: {
          type: 'object',
          required: ['sku'],
          properties: {
            sku: { type: 'string', maxLength: 32 },
            quantity: { type: 'integer', minimum: 1 },
            note: { type: 'string' },
          },
        },
      },
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
    },
  }
}

function diff(before: Doc, after: Doc): Change[] {
  const out: Change[] = []
  diffOpenApi(spec(before), spec(after), emitterFor(out, { area: 'api', entity: 'orders', file: 'apis/o.json' }))
  return out
}

const breaking = (changes: Change[]) => changes.filter((c) => c.breaking).map((c) => c.breaking)

/** Edits a copy of the base document. */
function edited(edit: (d: Doc & { paths: Record<string, Record<string, Doc>>; components: Doc }) => void): Doc {
  const d = clone(base()) as Doc & { paths: Record<string, Record<string, Doc>>; components: Doc }
  edit(d)
  return d
}
/** Typed views of the hand-written document above, for editing copies of it. */
type Schema = {
  type?: string
  maxLength?: number
  minimum?: number
  enum?: string[]
  required?: string[]
  properties?: Record<string, Schema>
  additionalProperties?: boolean
}
type Param = { name: string; in: string; required?: boolean; schema: Schema }
type Media = Record<string, { schema: Schema }>
type Op = {
  parameters: Param[]
  requestBody: { required: boolean; content: Media }
  responses: Record<string, { description: string; content: Media }>
  security?: unknown
  summary?: string
}
type Components = { schemas: Record<string, Schema>; securitySchemes: Record<string, Record<string, unknown>> }
const view = <T>(value: unknown) => value as T
const get = (d: Doc) => view<Record<string, Record<string, Op>>>(d.paths)['/orders/{id}']!.get!
const post = (d: Doc) => view<Record<string, Record<string, Op>>>(d.paths)['/orders']!.post!
const components = (d: Doc) => view<Components>(d.components)
const newOrder = (d: Doc) => components(d).schemas.NewOrder!
const prop = (s: Schema, name: string) => s.properties![name]!
const okSchema = (d: Doc) => get(d).responses['200']!.content['application/json']!.schema

describe('diffOpenApi', () => {
  it('reports nothing for equal documents', () => {
    expect(diff(base(), base())).toEqual([])
  })

  it('flags a removed operation; an added one is not breaking', () => {
    const removed = edited((d) => {
      delete d.paths['/orders']
    })
    expect(diff(base(), removed)).toEqual([
      expect.objectContaining({ kind: 'removed', element: 'operation POST /orders', breaking: 'operation-removed' }),
    ])
    const added = diff(removed, base())
    expect(added.map((c) => [c.kind, c.element, c.breaking])).toEqual([['added', 'operation POST /orders', undefined]])
  })

  it('matches path templates whatever their parameter names', () => {
    const renamed = edited((d) => {
      const item = view<Record<string, Op>>(d.paths['/orders/{id}'])
      delete d.paths['/orders/{id}']
      item.get!.parameters[0]!.name = 'orderId'
      d.paths['/orders/{orderId}'] = item
    })
    const changes = diff(base(), renamed)
    expect(changes.map((c) => [c.kind, c.field, c.breaking])).toEqual([
      ['changed', 'parameter path orderId name', undefined],
    ])
  })

  it('flags a new required parameter, not a new optional one', () => {
    const required = edited((d) => {
      get(d).parameters.push({ name: 'tenant', in: 'header', required: true, schema: { type: 'string' } })
    })
    expect(breaking(diff(base(), required))).toEqual(['required-parameter-added'])
    const optional = edited((d) => {
      get(d).parameters.push({ name: 'tenant', in: 'header', schema: { type: 'string' } })
    })
    expect(diff(base(), optional).map((c) => [c.kind, c.field, c.breaking])).toEqual([
      ['added', 'parameter header tenant', undefined],
    ])
  })

  it('flags a parameter that became required', () => {
    const after = edited((d) => {
      get(d).parameters[1]!.required = true
    })
    expect(breaking(diff(base(), after))).toEqual(['parameter-became-required'])
  })

  it('flags a lowered maxLength on a parameter, not a raised one', () => {
    const lower = edited((d) => {
      get(d).parameters[0]!.schema.maxLength = 10
    })
    expect(diff(base(), lower)).toEqual([
      expect.objectContaining({
        field: 'parameter path id maxLength',
        before: 64,
        after: 10,
        breaking: 'constraint-narrowed',
        pointer: '/paths/~1orders~1{id}/get/parameters/0/schema',
      }),
    ])
    const raise = edited((d) => {
      get(d).parameters[0]!.schema.maxLength = 128
    })
    expect(breaking(diff(base(), raise))).toEqual([])
  })

  it('flags removed request enum values, not added ones', () => {
    const fewer = edited((d) => {
      get(d).parameters[1]!.schema.enum = ['items']
    })
    expect(breaking(diff(base(), fewer))).toEqual(['enum-value-removed'])
    const more = edited((d) => {
      get(d).parameters[1]!.schema.enum = ['items', 'customer', 'payments']
    })
    expect(breaking(diff(base(), more))).toEqual([])
  })

  it('follows $refs into component schemas: a new required body field is breaking at the operation', () => {
    const after = edited((d) => {
      newOrder(d).properties!.currency = { type: 'string' }
      newOrder(d).required!.push('currency')
    })
    const changes = diff(base(), after)
    expect(changes).toContainEqual(
      expect.objectContaining({
        element: 'operation POST /orders',
        field: 'request body.currency',
        breaking: 'required-field-added',
        pointer: '/components/schemas/NewOrder/properties/currency',
      }),
    )
    expect(changes.filter((c) => c.element === 'schema NewOrder').map((c) => [c.kind, c.breaking])).toEqual([
      ['changed', undefined],
    ])
  })

  it('does not flag a new optional body field', () => {
    const after = edited((d) => {
      newOrder(d).properties!.coupon = { type: 'string' }
    })
    expect(breaking(diff(base(), after))).toEqual([])
  })

  it('flags an existing body field becoming required', () => {
    const after = edited((d) => {
      newOrder(d).required!.push('quantity')
    })
    expect(breaking(diff(base(), after))).toEqual(['field-became-required'])
  })

  it('flags narrowed request types; integer to number widens', () => {
    const narrowed = edited((d) => {
      prop(newOrder(d), 'sku').type = 'integer'
    })
    expect(breaking(diff(base(), narrowed))).toEqual(['type-narrowed'])
    const widened = edited((d) => {
      prop(newOrder(d), 'quantity').type = 'number'
    })
    expect(diff(base(), widened)).toContainEqual(
      expect.objectContaining({ field: 'request body.quantity type', before: 'integer', after: 'number' }),
    )
    expect(breaking(diff(base(), widened))).toEqual([])
  })

  it('flags a raised minimum and a closed object in requests', () => {
    const raised = edited((d) => {
      prop(newOrder(d), 'quantity').minimum = 5
    })
    expect(breaking(diff(base(), raised))).toEqual(['constraint-narrowed'])
    const closed = edited((d) => {
      newOrder(d).additionalProperties = false
    })
    expect(breaking(diff(base(), closed))).toEqual(['additional-properties-forbidden'])
  })

  it('flags a new required request body, and an optional body becoming required', () => {
    const withBody = edited((d) => {
      get(d).requestBody = { required: true, content: { 'application/json': { schema: { type: 'object' } } } }
    })
    expect(breaking(diff(base(), withBody))).toEqual(['required-request-body-added'])
    const optional = edited((d) => {
      post(d).requestBody.required = false
    })
    expect(breaking(diff(optional, base()))).toEqual(['request-body-became-required'])
  })

  it('flags a removed response field, a retyped one and one no longer required', () => {
    const removed = edited((d) => {
      delete okSchema(d).properties!.note
    })
    expect(diff(base(), removed)).toEqual([
      expect.objectContaining({ kind: 'removed', field: 'response 200.note', breaking: 'response-field-removed' }),
    ])
    const retyped = edited((d) => {
      prop(okSchema(d), 'status').type = 'integer'
    })
    expect(breaking(diff(base(), retyped))).toEqual(['response-type-changed'])
    const optional = edited((d) => {
      okSchema(d).required = ['id']
    })
    expect(breaking(diff(base(), optional))).toEqual(['response-field-became-optional'])
  })

  it('does not flag an added response field or a removed response enum value', () => {
    const added = edited((d) => {
      okSchema(d).properties!.total = { type: 'integer' }
      prop(okSchema(d), 'status').enum = ['pending']
    })
    expect(diff(base(), added).length).toBe(2)
    expect(breaking(diff(base(), added))).toEqual([])
  })

  it('flags a removed response status', () => {
    const after = edited((d) => {
      delete get(d).responses['404']
    })
    expect(diff(base(), after)).toEqual([
      expect.objectContaining({ field: 'response 404', breaking: 'response-status-removed' }),
    ])
  })

  it('flags stricter security, not looser', () => {
    const secured = edited((d) => {
      get(d).security = [{ apiKey: [] }]
    })
    expect(breaking(diff(base(), secured))).toEqual(['security-requirement-added'])
    expect(breaking(diff(secured, base()))).toEqual([])
  })

  it('flags a removed or retyped security scheme', () => {
    const removed = edited((d) => {
      components(d).securitySchemes = { other: { type: 'http', scheme: 'bearer' } }
    })
    expect(breaking(diff(base(), removed))).toContain('security-scheme-removed')
    const redescribed = edited((d) => {
      components(d).securitySchemes.apiKey!.description = 'Your key'
    })
    expect(breaking(diff(base(), redescribed))).toEqual([])
  })

  it('reverses directions for webhooks: a removed field of a webhook body breaks receivers', () => {
    const hook = (fields: Record<string, unknown>): Doc => ({
      ...base(),
      webhooks: {
        orderShipped: {
          post: {
            requestBody: {
              content: { 'application/json': { schema: { type: 'object', properties: fields } } },
            },
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    })
    const changes = diff(hook({ id: { type: 'string' }, at: { type: 'string' } }), hook({ id: { type: 'string' } }))
    expect(changes).toEqual([
      expect.objectContaining({ element: 'webhook orderShipped POST', breaking: 'response-field-removed' }),
    ])
  })

  it('terminates on recursive schemas', () => {
    const tree = (extra: boolean): Doc =>
      edited((d) => {
        newOrder(d).properties!.children = view<Schema>({
          type: 'array',
          items: { $ref: '#/components/schemas/NewOrder' },
        })
        if (extra) newOrder(d).properties!.label = { type: 'string' }
      })
    const changes = diff(tree(false), tree(true))
    expect(changes.some((c) => c.field === 'request body.label')).toBe(true)
  })

  it('finds a change behind a cycle of refs whichever operation reaches it first', () => {
    // Item ↔ Group refer to each other; GET /groups reaches Item only through Group.
    const doc = (itemMax: number): Doc =>
      edited((d) => {
        components(d).schemas.Item = view<Schema>({
          type: 'object',
          properties: { name: { type: 'string', maxLength: itemMax }, group: { $ref: '#/components/schemas/Group' } },
        })
        components(d).schemas.Group = view<Schema>({
          type: 'object',
          properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Item' } } },
        })
        d.paths['/groups'] = {
          post: {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Group' } } } },
            responses: { '200': { description: 'ok' } },
          },
        }
        d.paths['/items'] = {
          post: {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
            responses: { '200': { description: 'ok' } },
          },
        }
      })
    const narrowed = diff(doc(100), doc(10)).filter((c) => c.breaking === 'constraint-narrowed')
    expect(narrowed.map((c) => c.element).sort()).toEqual(['operation POST /groups', 'operation POST /items'])
  })

  it('reports other operation fields and top-level sections without flagging them', () => {
    const after = edited((d) => {
      get(d).summary = 'Read an order'
      view<{ version: string }>(d.info).version = '1.1.0'
    })
    expect(diff(base(), after).map((c) => [c.element, c.field, c.breaking])).toEqual([
      ['operation GET /orders/{id}', 'summary', undefined],
      ['info', undefined, undefined],
    ])
  })
})
