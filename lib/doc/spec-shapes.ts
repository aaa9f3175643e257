import type { Shape } from './shape'

// Granularity of specs (README.md): a Y.Map per path item, operation, response map, channel, schema and schema
// property map — the units two people edit at once — and whole plain values below that (a parameter list, one
// response, one property's schema). Long prose (description) is a Y.Text. Finer would cost every JSON object a
// Yjs type: ~20× a JSON.parse on a 13 MB spec instead of the ≤ 10× budget.

const text: Shape = { kind: 'text' }
const plainMap: Shape = { kind: 'object' }

/** An embedded JSON Schema: its keys, its `properties` map (one entry per property), its description as text. */
export const schemaShape: Shape = {
  kind: 'object',
  fields: { description: text, properties: plainMap },
}

const infoShape: Shape = { kind: 'object', fields: { description: text } }

const operationShape: Shape = {
  kind: 'object',
  fields: { description: text, responses: plainMap },
}

const pathItemShape: Shape = {
  kind: 'object',
  fields: {
    description: text,
    get: operationShape,
    put: operationShape,
    post: operationShape,
    delete: operationShape,
    options: operationShape,
    head: operationShape,
    patch: operationShape,
    trace: operationShape,
    query: operationShape,
  },
}

const schemasShape: Shape = { kind: 'object', other: schemaShape }

/** OpenAPI 3.x: paths and webhooks → path items → operations; components.schemas → schemas. */
export const openapiShape: Shape = {
  kind: 'object',
  fields: {
    info: infoShape,
    paths: { kind: 'object', other: pathItemShape },
    webhooks: { kind: 'object', other: pathItemShape },
    components: { kind: 'object', fields: { schemas: schemasShape }, other: plainMap },
  },
}

const asyncOperationShape: Shape = { kind: 'object', fields: { description: text } }
const channelShape: Shape = { kind: 'object', fields: { description: text, messages: plainMap } }
const messageShape: Shape = { kind: 'object', fields: { description: text, payload: schemaShape } }

/** AsyncAPI 3.x: channels, operations, components.schemas and components.messages. */
export const asyncapiShape: Shape = {
  kind: 'object',
  fields: {
    info: infoShape,
    channels: { kind: 'object', other: channelShape },
    operations: { kind: 'object', other: asyncOperationShape },
    components: {
      kind: 'object',
      fields: {
        schemas: schemasShape,
        messages: { kind: 'object', other: messageShape },
        channels: { kind: 'object', other: channelShape },
        operations: { kind: 'object', other: asyncOperationShape },
      },
      other: plainMap,
    },
  },
}

/** The shape of a spec document, chosen by its `asyncapi` field. */
export function specShape(document: unknown): Shape {
  return typeof document === 'object' && document !== null && Object.hasOwn(document, 'asyncapi')
    ? asyncapiShape
    : openapiShape
}
