import { describe, expect, it } from 'vitest'
import { oasExamples } from '../../../tests/fixtures/specs/oas-examples'
import { readSpecFixture } from '../../../tests/fixtures/specs/spec-fixtures'
import { indexSpec } from './index-spec'
import { parseSpecText } from './parse-spec-text'

function spec(path: string, text: string) {
  const r = parseSpecText({ path, text })
  if (!r.spec) throw new Error(path)
  return r.spec
}

describe('indexSpec — OpenAPI', () => {
  const text = `openapi: 3.1.0
info: {title: T, version: "1"}
security:
  - key: []
paths:
  /orders/{orderId}:
    parameters:
      - $ref: '#/components/parameters/orderId'
      - {name: trace, in: header, schema: {type: string}}
    get:
      operationId: getOrder
      parameters:
        - {name: trace, in: header, required: true, schema: {type: integer}}
        - {name: expand, in: query, content: {application/json: {schema: {type: array}}}}
      responses:
        '200':
          $ref: '#/components/responses/Order'
        default:
          description: error
    put:
      security: []
      requestBody:
        required: true
        content:
          text/plain: {schema: {type: string}}
          application/json: {schema: {$ref: '#/components/schemas/Order'}}
      responses:
        '204': {description: saved}
webhooks:
  orderShipped:
    post:
      responses:
        '200': {description: ok}
components:
  parameters:
    orderId: {name: orderId, in: path, schema: {type: string}}
  responses:
    Order:
      description: The order
      content:
        application/json: {schema: {$ref: '#/components/schemas/Order'}}
  schemas:
    Order: {type: object, properties: {id: {type: string}}}
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
`

  it('lists operations with merged parameters, body, responses and effective security', () => {
    const index = indexSpec(spec('o.yaml', text))
    if (index.kind !== 'openapi') throw new Error('kind')
    expect(index.operations.map((o) => [o.method, o.path, o.pointer])).toEqual([
      ['get', '/orders/{orderId}', '/paths/~1orders~1{orderId}/get'],
      ['put', '/orders/{orderId}', '/paths/~1orders~1{orderId}/put'],
    ])
    const [get, put] = index.operations
    expect(get?.operationId).toBe('getOrder')
    expect(get?.parameters).toEqual([
      {
        name: 'orderId',
        in: 'path',
        required: true,
        schema: { type: 'string' },
        pointer: '/components/parameters/orderId',
      },
      {
        name: 'trace',
        in: 'header',
        required: true,
        schema: { type: 'integer' },
        pointer: '/paths/~1orders~1{orderId}/get/parameters/0',
      },
      {
        name: 'expand',
        in: 'query',
        required: false,
        schema: { type: 'array' },
        pointer: '/paths/~1orders~1{orderId}/get/parameters/1',
      },
    ])
    expect(get?.responses).toEqual([
      {
        status: '200',
        description: 'The order',
        contentTypes: ['application/json'],
        schema: { type: 'object', properties: { id: { type: 'string' } } },
        pointer: '/components/responses/Order',
      },
      {
        status: 'default',
        description: 'error',
        contentTypes: [],
        pointer: '/paths/~1orders~1{orderId}/get/responses/default',
      },
    ])
    expect(get?.security).toEqual([{ key: [] }])
    expect(put?.security).toEqual([])
    expect(put?.requestBody).toEqual({
      pointer: '/paths/~1orders~1{orderId}/put/requestBody',
      required: true,
      contentTypes: ['text/plain', 'application/json'],
      schema: { type: 'object', properties: { id: { type: 'string' } } },
    })
    expect(index.webhooks.map((w) => [w.path, w.method])).toEqual([['orderShipped', 'post']])
    expect(index.schemas).toEqual([{ name: 'Order', pointer: '/components/schemas/Order' }])
    expect(index.securitySchemes).toEqual([{ name: 'key', pointer: '/components/securitySchemes/key', type: 'apiKey' }])
  })

  it('indexes every oas-example without throwing, one entry per operation', () => {
    for (const e of oasExamples()) {
      const s = spec(e.path, e.text)
      const index = indexSpec(s)
      if (index.kind !== 'openapi') throw new Error(e.path)
      const paths = (s.document as { paths?: Record<string, Record<string, unknown>> }).paths ?? {}
      for (const op of index.operations) expect(paths[op.path], e.path).toBeDefined()
    }
  })

  it('tolerates invalid documents', () => {
    const s = spec(
      'bad.yaml',
      'openapi: 3.1.0\npaths:\n  /a: 5\n  /b:\n    get: {parameters: [7, {name: x}], responses: []}\n',
    )
    const index = indexSpec(s)
    expect(index.kind === 'openapi' && index.operations.map((o) => o.parameters)).toEqual([[]])
  })
})

describe('indexSpec — AsyncAPI', () => {
  it('lists channels, operations with their channel and messages, reply, and components', () => {
    const { path, text } = readSpecFixture('asyncapi-3.0-complete.yaml')
    const index = indexSpec(spec(path, text))
    if (index.kind !== 'asyncapi') throw new Error('kind')
    expect(index.channels.map((c) => c.id)).toEqual([
      'lightMeasured',
      'lightsDim',
      'lightsCommands',
      'lightsCommandReplies',
      'dashboard',
      'alerts',
    ])
    const measured = index.channels[0]
    expect(measured).toMatchObject({
      pointer: '/channels/lightMeasured',
      address: 'smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured',
      parameters: ['streetlightId'],
      servers: ['kafka-production', 'mqtt-broker'],
    })
    expect(measured?.messages[0]).toMatchObject({
      id: 'lightMeasured',
      pointer: '/components/messages/lightMeasured',
      name: 'lightMeasured',
      contentType: 'application/json',
    })
    expect(index.channels[3]?.address).toBeNull()
    expect(index.channels[4]).toMatchObject({ address: '/dashboard', messages: [{ id: 'snapshot' }] })
    const send = index.operations.find((o) => o.id === 'sendCommand')
    expect(send).toMatchObject({
      action: 'send',
      channel: 'lightsCommands',
      messages: [
        { id: 'turnOn', channel: 'lightsCommands', pointer: '/components/messages/turnOn' },
        { id: 'turnOff', channel: 'lightsCommands', pointer: '/channels/lightsCommands/messages/turnOff' },
      ],
      reply: { channel: 'lightsCommandReplies', messages: [{ id: 'commandResult', channel: 'lightsCommandReplies' }] },
    })
    expect(index.operations.find((o) => o.id === 'streamDashboard')).toMatchObject({
      action: 'send',
      channel: 'dashboard',
    })
    expect(index.operations.find((o) => o.id === 'receiveLightMeasurement')?.security).toEqual(['saslScram256'])
    const chat = indexSpec(
      spec(
        'chat.yaml',
        'asyncapi: 3.0.0\nchannels:\n  c:\n    messages: {a: {}, b: {}}\noperations:\n  o: {action: send, channel: {$ref: "#/channels/c"}}\n',
      ),
    )
    expect(chat.kind === 'asyncapi' && chat.operations[0]?.messages.map((m) => m.id)).toEqual(['a', 'b'])
    expect(index.schemas.map((s) => s.name)).toContain('lightMeasuredPayload')
    expect(index.securitySchemes.map((s) => s.type)).toEqual([
      'userPassword',
      'apiKey',
      'X509',
      'symmetricEncryption',
      'asymmetricEncryption',
      'httpApiKey',
      'http',
      'oauth2',
      'openIdConnect',
      'plain',
      'scramSha256',
      'scramSha512',
      'gssapi',
    ])
  })
})
