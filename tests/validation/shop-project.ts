/**
 * A complete, valid project (an online shop) as plain objects, for validation tests: each rule test copies it,
 * breaks one thing and expects exactly that rule. `toFiles` prints it the way files are stored (2-space JSON).
 */
export type ProjectObjects = Record<string, unknown>

const openapi = `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders:
    post:
      operationId: createOrder
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/NewOrder'
      responses:
        '201':
          description: Created
          content:
            application/json:
              schema:
                type: object
                properties:
                  id:
                    type: string
        '400':
          description: Invalid order
        '409':
          description: Conflict
  /orders/{orderId}:
    get:
      operationId: getOrder
      parameters:
        - name: orderId
          in: path
          required: true
          schema:
            type: string
        - name: X-Trace
          in: header
          schema:
            type: string
      responses:
        '200':
          description: The order
        '404':
          description: Not found
components:
  schemas:
    NewOrder:
      type: object
      required: [customerId, items]
      properties:
        customerId:
          type: string
        items:
          type: array
          items:
            type: object
            properties:
              sku:
                type: string
              qty:
                type: integer
`

const itemSchema = { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } } }

export function shopProject(): ProjectObjects {
  return {
    'backplane.json': {
      format: 'backplane.project/v1',
      id: 'prj_0123456789abcdef',
      name: 'Shop',
      description: 'An online shop.',
      apis: { orders: { id: 'api_0123456789abcdef', type: 'rest', file: 'apis/orders.openapi.yaml' } },
    },
    'apis/orders.openapi.yaml': openapi,
    'infra/databases/orders-db.database.json': {
      format: 'backplane.database/v1',
      id: 'db_0123456789abcdef',
      name: 'orders-db',
      description: 'Orders.',
      type: 'sql',
      capabilities: ['aggregations', 'constraints', 'crud', 'filtering', 'pagination', 'transactions'],
      semantics: { reads: 'strong', writes: 'transactional', isolation: 'read-committed' },
      connection: { scope: 'environment', poolSize: 5 },
      tables: {
        order_items: {
          columns: {
            order_id: { type: 'uuid', nullable: false },
            sku: { type: 'text', nullable: false },
            qty: { type: 'integer', nullable: false },
          },
          primaryKey: ['order_id', 'sku'],
        },
        orders: {
          columns: {
            id: { type: 'uuid', nullable: false, default: { kind: 'random-uuid' } },
            customer_id: { type: 'text', nullable: false },
            total: { type: 'integer', nullable: false },
            status: { type: 'text', nullable: false, default: { kind: 'value', value: 'new' } },
            created_at: { type: 'timestamptz', nullable: false, default: { kind: 'now' } },
          },
          primaryKey: ['id'],
        },
      },
    },
    'infra/queues/fulfilment.queue.json': {
      format: 'backplane.queue/v1',
      id: 'que_0123456789abcdef',
      name: 'fulfilment',
      description: 'Orders to ship.',
      message: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
      producers: ['create-order'],
      consumers: { 'fulfil-order': { concurrency: 2 } },
      delivery: { ordering: 'unordered', mode: 'fan-out' },
      retry: { maxAttempts: 3, interval: '10s', backoffRate: 2, jitter: 'full' },
      deadLetter: { store: 'project' },
    },
    'processes/create-order.process.json': {
      format: 'backplane.process/v1',
      id: 'prc_0123456789abcdea',
      name: 'create-order',
      type: 'orchestrated-workflow',
      execution: {
        model: 'sync',
        trigger: {
          kind: 'api-operation',
          api: 'orders',
          operation: { operationId: 'createOrder' },
          request: {
            customerId: { from: 'body', pointer: '/customerId' },
            items: { from: 'body', pointer: '/items' },
          },
          response: { status: '201' },
          errors: { Conflict: { status: '409' }, InvalidOrder: { status: '400' } },
        },
        timeout: '30s',
      },
      description: 'Creates an order.',
      inputs: {
        type: 'object',
        properties: { customerId: { type: 'string' }, items: { type: 'array', items: itemSchema } },
        required: ['customerId', 'items'],
      },
      outputs: {
        success: { type: 'object', properties: { id: { type: 'string' } } },
        errors: {
          Conflict: { description: 'Already exists.', schema: { type: 'object' } },
          InvalidOrder: { description: 'No items.', schema: { type: 'object' } },
        },
      },
      entry: 'check',
      nodes: {
        check: {
          kind: 'condition',
          label: 'Any items?',
          cases: [{ name: 'empty', when: { expr: '$count(input.items) = 0' } }],
          defaultPort: 'default',
        },
        done: { kind: 'return', label: 'Done', value: { expr: '{ "id": nodes.save.id }' } },
        'fail-conflict': { kind: 'fail', label: 'Conflict', error: 'Conflict', details: { expr: '{}' } },
        'fail-invalid': {
          kind: 'fail',
          label: 'Invalid',
          error: 'InvalidOrder',
          details: { expr: '{ "reason": "empty" }' },
        },
        publish: {
          kind: 'queue-publish',
          label: 'Publish',
          queue: 'fulfilment',
          message: { expr: '{ "orderId": nodes.save.id }' },
          timeout: '5s',
        },
        quote: {
          kind: 'call-process',
          label: 'Quote',
          process: 'price-quote',
          input: { expr: '{ "items": input.items }' },
          timeout: '10s',
          retry: [{ errors: ['timeout'], maxAttempts: 3, interval: '1s', backoffRate: 2, jitter: 'full' }],
        },
        save: {
          kind: 'database',
          label: 'Save',
          database: 'orders-db',
          operation: {
            op: 'insert',
            table: 'orders',
            values: { customer_id: { expr: 'input.customerId' }, total: { expr: 'nodes.quote.total' } },
          },
          timeout: '5s',
          catch: [{ port: 'catch-conflict', errors: ['constraint'] }],
        },
      },
      edges: [
        { from: 'check', port: 'default', to: 'quote' },
        { from: 'check', port: 'empty', to: 'fail-invalid' },
        { from: 'publish', port: 'out', to: 'done' },
        { from: 'quote', port: 'out', to: 'save' },
        { from: 'save', port: 'catch-conflict', to: 'fail-conflict' },
        { from: 'save', port: 'out', to: 'publish' },
      ],
    },
    'processes/price-quote.process.json': {
      format: 'backplane.process/v1',
      id: 'prc_0123456789abcdeb',
      name: 'price-quote',
      type: 'calculation',
      execution: { model: 'sync', trigger: { kind: 'manual' }, timeout: '5s' },
      description: 'Prices items.',
      inputs: { type: 'object', properties: { items: { type: 'array', items: itemSchema } }, required: ['items'] },
      outputs: { success: { type: 'object', properties: { total: { type: 'integer' } } }, errors: {} },
      entry: 'sum',
      nodes: {
        sum: {
          kind: 'compute',
          label: 'Sum',
          expression: { expr: '$sum($map(input.items, function($i){ $i.qty * 100 }))' },
          output: { type: 'integer' },
        },
        ret: { kind: 'return', label: 'Return', value: { expr: '{ "total": nodes.sum }' } },
      },
      edges: [{ from: 'sum', port: 'out', to: 'ret' }],
    },
    'processes/get-order.process.json': {
      format: 'backplane.process/v1',
      id: 'prc_0123456789abcdec',
      name: 'get-order',
      type: 'database-workflow',
      execution: {
        model: 'sync',
        trigger: {
          kind: 'api-operation',
          api: 'orders',
          operation: { method: 'get', path: '/orders/{orderId}' },
          request: { orderId: { from: 'path', name: 'orderId' }, trace: { from: 'header', name: 'x-trace' } },
          response: { status: '200' },
          errors: { NotFound: { status: '404' } },
        },
        timeout: '10s',
      },
      description: 'Reads an order.',
      inputs: {
        type: 'object',
        properties: { orderId: { type: 'string' }, trace: { type: 'string' } },
        required: ['orderId'],
      },
      outputs: {
        success: { type: 'object' },
        errors: { NotFound: { description: 'No such order.', schema: { type: 'object' } } },
      },
      entry: 'load',
      nodes: {
        load: {
          kind: 'database',
          label: 'Load',
          database: 'orders-db',
          operation: { op: 'get', table: 'orders', key: { id: { expr: 'input.orderId' } }, select: ['id', 'status'] },
          timeout: '5s',
          catch: [{ port: 'catch-missing', errors: ['not-found'] }],
        },
        missing: { kind: 'fail', label: 'Missing', error: 'NotFound', details: { expr: '{ "id": input.orderId }' } },
        ret: {
          kind: 'return',
          label: 'Return',
          value: { expr: '{ "id": nodes.load.id, "status": nodes.load.status }' },
        },
      },
      edges: [
        { from: 'load', port: 'catch-missing', to: 'missing' },
        { from: 'load', port: 'out', to: 'ret' },
      ],
    },
    'processes/fulfil-order.process.json': {
      format: 'backplane.process/v1',
      id: 'prc_0123456789abcded',
      name: 'fulfil-order',
      type: 'queue-consumer',
      execution: { model: 'event-driven', trigger: { kind: 'queue', queue: 'fulfilment' }, timeout: '1h' },
      description: 'Ships each item.',
      inputs: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
      outputs: { success: { type: 'array' }, errors: {} },
      entry: 'items',
      nodes: {
        items: {
          kind: 'database',
          label: 'Items',
          database: 'orders-db',
          operation: {
            op: 'find',
            table: 'order_items',
            filter: [{ column: 'order_id', op: 'eq', value: { expr: 'input.orderId' } }],
            orderBy: [{ column: 'sku', direction: 'asc' }],
          },
          timeout: '5s',
        },
        each: {
          kind: 'for-each',
          label: 'Each item',
          items: { expr: 'nodes.items' },
          maxConcurrency: 4,
          body: {
            entry: 'ship',
            nodes: {
              ship: {
                kind: 'http',
                label: 'Ship',
                method: 'POST',
                url: 'https://ship.example.com/parcels',
                body: { expr: '{ "order": input.orderId, "sku": item.sku, "qty": item.qty }' },
                responses: [
                  {
                    status: '201',
                    output: true,
                    schema: { type: 'object', properties: { parcel: { type: 'string' } } },
                  },
                ],
                timeout: '10s',
                retry: [
                  {
                    errors: ['status.5xx', 'network'],
                    maxAttempts: 5,
                    interval: '1s',
                    backoffRate: 2,
                    maxDelay: '1m',
                    jitter: 'full',
                  },
                ],
              },
              shipped: { kind: 'return', label: 'Shipped', value: { expr: 'nodes.ship.parcel' } },
            },
            edges: [{ from: 'ship', port: 'out', to: 'shipped' }],
          },
          output: { type: 'string' },
        },
        done: { kind: 'return', label: 'Done', value: { expr: 'nodes.each' } },
      },
      edges: [
        { from: 'each', port: 'out', to: 'done' },
        { from: 'items', port: 'out', to: 'each' },
      ],
    },
    'processes/nightly-report.process.json': {
      format: 'backplane.process/v1',
      id: 'prc_0123456789abcdee',
      name: 'nightly-report',
      type: 'background-job',
      execution: {
        model: 'scheduled',
        trigger: { kind: 'schedule', cron: '0 2 * * *', timeZone: 'Europe/Paris', overlap: 'skip' },
        timeout: '10m',
      },
      description: 'Counts orders per status.',
      inputs: { type: 'object', properties: {} },
      outputs: { success: { type: 'array' }, errors: {} },
      entry: 'count',
      nodes: {
        count: {
          kind: 'database',
          label: 'Count',
          database: 'orders-db',
          operation: { op: 'aggregate', table: 'orders', groupBy: ['status'], aggregates: { n: { fn: 'count' } } },
          timeout: '1m',
        },
        ret: { kind: 'return', label: 'Return', value: { expr: 'nodes.count.{ "status": status, "n": n }' } },
      },
      edges: [{ from: 'count', port: 'out', to: 'ret' }],
    },
  }
}

/** Prints the objects as project files (JSON with 2-space indent and a final newline; strings as they are). */
export function toFiles(project: ProjectObjects): Record<string, string> {
  const files: Record<string, string> = {}
  for (const [path, content] of Object.entries(project)) {
    files[path] = typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`
  }
  return files
}

/** A deep copy of the shop with one change applied to one file's object. */
export function shopWith(path: string, change: (file: JsonObject) => void): Record<string, string> {
  const project = shopProject()
  const file = structuredClone(project[path]) as JsonObject
  change(file)
  project[path] = file
  return toFiles(project)
}

/** 1-based line of the first line of `text` containing `needle` (to assert locations independently). */
export function lineOf(text: string | undefined, needle: string, nth = 1): number {
  const lines = (text ?? '').split('\n')
  let seen = 0
  const i = lines.findIndex((l) => l.includes(needle) && ++seen === nth)
  if (i < 0) throw new Error(`"${needle}" not found`)
  return i + 1
}

export type JsonObject = { [key: string]: unknown }

function parentOf(root: unknown, pointer: string): { parent: JsonObject | unknown[]; key: string } {
  const segments = pointer.slice(1).split('/')
  const key = segments.pop() ?? ''
  let node: unknown = root
  for (const seg of segments) {
    node = Array.isArray(node) ? node[Number(seg)] : (node as JsonObject)[seg]
    if (typeof node !== 'object' || node === null) throw new Error(`nothing at ${pointer} (stopped at ${seg})`)
  }
  return { parent: node as JsonObject | unknown[], key }
}

/** The value at a JSON pointer of a fixture object (throws when absent: a test bug). */
export function get(root: unknown, pointer: string): unknown {
  const { parent, key } = parentOf(root, pointer)
  return Array.isArray(parent) ? parent[Number(key)] : parent[key]
}

/** Sets the value at a JSON pointer (the parent must exist). */
export function set(root: unknown, pointer: string, value: unknown): void {
  const { parent, key } = parentOf(root, pointer)
  if (Array.isArray(parent)) parent[Number(key)] = value
  else parent[key] = value
}

/** Deletes the member at a JSON pointer. */
export function del(root: unknown, pointer: string): void {
  const { parent, key } = parentOf(root, pointer)
  if (Array.isArray(parent)) parent.splice(Number(key), 1)
  else delete parent[key]
}

/** Appends to the array at a JSON pointer. */
export function push(root: unknown, pointer: string, value: unknown): void {
  const list = get(root, pointer)
  if (!Array.isArray(list)) throw new Error(`no array at ${pointer}`)
  list.push(value)
}
