import fc from 'fast-check'
import { stringify } from 'yaml'
import type { JsonObject, JsonValue } from '../../lib/doc/json-value'

// Random valid projects built from the schemas (schemas/*.schema.json): a manifest with REST and event API
// surfaces (small OpenAPI 3.1 / AsyncAPI 3.0 documents), processes with nodes and edges referencing the other
// entities by name, SQL databases with tables, queues with producers, consumers and dead-letter forwarding, and
// a canvas. Files are written compactly and with shuffled keys, so fmt has real work to do.

const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''))
const idOf = (prefix: string) => fc.string({ unit: alnum, minLength: 16, maxLength: 16 }).map((s) => `${prefix}_${s}`)
const word = fc.constantFrom('order', 'orders', 'user', 'pay', 'ship', 'note', 'event', 'stock', 'mail', 'report')
const slug = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join('-'))
const prose = fc.oneof(fc.constant(''), fc.lorem({ maxCount: 8 }), fc.string({ maxLength: 30 }))
const expr = fc.constantFrom('input.id', 'input.amount * 2', '{"ok": true}', '$count(input.items)').map((e) => ({
  expr: e,
}))

const propertySchema: fc.Arbitrary<JsonObject> = fc.record(
  { type: fc.constantFrom('string', 'integer', 'boolean', 'number'), description: prose },
  { requiredKeys: ['type'] },
)
const objectSchema: fc.Arbitrary<JsonObject> = fc
  .uniqueArray(fc.tuple(fc.constantFrom('id', 'amount', 'name', 'sku', 'note', 'zip', 'a1'), propertySchema), {
    selector: (t) => t[0],
    maxLength: 4,
  })
  .map((props) => ({ type: 'object', properties: Object.fromEntries(props) }))

type Names = { apis: string[]; processes: string[]; databases: string[]; queues: string[] }

function openapiDoc(): fc.Arbitrary<JsonObject> {
  const operation = fc.record(
    {
      operationId: slug,
      summary: prose,
      description: prose,
      parameters: fc.constant([{ name: 'id', in: 'query', schema: { type: 'string' } }]),
      responses: fc.constant({ '200': { description: 'ok' }, default: { description: 'error' } }),
    },
    { requiredKeys: ['responses'] },
  )
  const pathItem = fc.record({ get: operation, post: operation, description: prose }, { requiredKeys: [] })
  return fc
    .record({
      info: fc.record({ title: prose, version: fc.constant('1.0.0'), description: prose }),
      paths: fc.dictionary(
        slug.map((s) => `/${s}`),
        pathItem,
        { maxKeys: 3 },
      ),
      schemas: fc.dictionary(fc.constantFrom('Order', 'User', 'Item', 'Error'), objectSchema, { maxKeys: 3 }),
      ext: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
    })
    .map(({ info, paths, schemas, ext }) => {
      const doc: JsonObject = { openapi: '3.1.0', info, paths: paths as JsonObject, components: { schemas } }
      if (ext !== undefined) doc['x-extra'] = ext as JsonValue
      return doc
    })
}

function asyncapiDoc(): fc.Arbitrary<JsonObject> {
  return fc
    .record({
      title: prose,
      channels: fc.uniqueArray(slug, { maxLength: 3 }),
      schemas: fc.dictionary(fc.constantFrom('Order', 'Shipment'), objectSchema, { maxKeys: 2 }),
    })
    .map(({ title, channels, schemas }) => ({
      asyncapi: '3.0.0',
      info: { title, version: '1.0.0' },
      channels: Object.fromEntries(
        channels.map((c) => [c, { address: `${c}.events`, messages: { [c]: { $ref: `#/components/messages/${c}` } } }]),
      ),
      operations: Object.fromEntries(
        channels.map((c) => [`send-${c}`, { action: 'send', channel: { $ref: `#/channels/${c}` } }]),
      ),
      components: {
        schemas,
        messages: Object.fromEntries(channels.map((c) => [c, { payload: { type: 'object' } }])),
      },
    }))
}

function node(names: Names, ids: string[]): fc.Arbitrary<JsonObject> {
  const base = { label: prose, description: prose }
  const side = { timeout: fc.constant('30s') }
  const choices: fc.Arbitrary<JsonObject>[] = [
    fc.record(
      { kind: fc.constant('compute'), ...base, expression: expr, output: objectSchema },
      {
        requiredKeys: ['kind', 'label', 'expression', 'output'],
      },
    ),
    fc.record({ kind: fc.constant('return'), label: prose, value: expr }),
    fc.record({ kind: fc.constant('fail'), label: prose, error: fc.constant('NotFound'), details: expr }),
    fc.record({
      kind: fc.constant('transform'),
      label: prose,
      fields: fc.dictionary(fc.constantFrom('a', 'b', 'total', 'Z'), expr, { maxKeys: 3 }),
      output: objectSchema,
    }),
  ]
  if (names.databases.length > 0) {
    choices.push(
      fc.record({
        kind: fc.constant('database'),
        label: prose,
        database: fc.constantFrom(...names.databases),
        operation: fc.constant({ op: 'get', table: 't', key: { id: { expr: 'input.id' } } }),
        ...side,
      }),
    )
  }
  if (names.queues.length > 0) {
    choices.push(
      fc.record({
        kind: fc.constant('queue-publish'),
        label: prose,
        queue: fc.constantFrom(...names.queues),
        message: expr,
        ...side,
      }),
    )
  }
  if (names.processes.length > 0) {
    choices.push(
      fc.record({
        kind: fc.constant('call-process'),
        label: prose,
        process: fc.constantFrom(...names.processes, 'no-such-process'),
        input: expr,
        ...side,
      }),
    )
  }
  if (ids.length > 0) {
    choices.push(
      fc.record({
        kind: fc.constant('for-each'),
        label: prose,
        items: expr,
        maxConcurrency: fc.integer({ min: 1, max: 10 }),
        body: fc.constant({
          entry: 'inner',
          nodes: { inner: { kind: 'return', label: '', value: { expr: 'item' } } },
          edges: [],
        }),
        output: objectSchema,
      }),
    )
  }
  return fc.oneof(...choices)
}

function trigger(names: Names): fc.Arbitrary<{ type: string; execution: JsonObject }> {
  const options: fc.Arbitrary<{ type: string; execution: JsonObject }>[] = [
    fc.constant({ type: 'calculation', execution: { model: 'sync', trigger: { kind: 'manual' }, timeout: '10s' } }),
    fc.constant({
      type: 'background-job',
      execution: {
        model: 'scheduled',
        trigger: { kind: 'schedule', cron: '0 3 * * *', timeZone: 'Europe/Paris', overlap: 'skip' },
        timeout: '1h',
      },
    }),
  ]
  if (names.apis.length > 0) {
    options.push(
      fc.constantFrom(...names.apis).map((api) => ({
        type: 'database-workflow',
        execution: {
          model: 'sync',
          trigger: {
            kind: 'api-operation',
            api,
            operation: { method: 'get', path: '/orders' },
            request: { id: { from: 'query', name: 'id' } },
            response: { status: '200' },
            errors: {},
          },
          timeout: '30s',
        },
      })),
    )
  }
  if (names.queues.length > 0) {
    options.push(
      fc.constantFrom(...names.queues).map((queue) => ({
        type: 'queue-consumer',
        execution: { model: 'event-driven', trigger: { kind: 'queue', queue }, timeout: '1m' },
      })),
    )
  }
  return fc.oneof(...options)
}

function process(names: Names, name: string): fc.Arbitrary<JsonObject> {
  return fc
    .uniqueArray(slug, { minLength: 1, maxLength: 5 })
    .chain((ids) =>
      fc.record({
        id: idOf('prc'),
        trigger: trigger(names),
        description: prose,
        nodes: fc.tuple(...ids.map(() => node(names, ids))),
        edges: fc.array(
          fc.record({
            from: fc.constantFrom(...ids),
            port: fc.constantFrom('out', 'true', 'catch-x'),
            to: fc.constantFrom(...ids),
          }),
          { maxLength: 6 },
        ),
        ids: fc.constant(ids),
      }),
    )
    .map(({ id, trigger: t, description, nodes, edges, ids }) => ({
      format: 'backplane.process/v1',
      id,
      name,
      type: t.type,
      execution: t.execution,
      description,
      inputs: { type: 'object', properties: { id: { type: 'string' } } },
      outputs: {
        success: { type: 'object' },
        errors: { NotFound: { description: 'none', schema: { type: 'object' } } },
      },
      entry: ids[0] as string,
      nodes: Object.fromEntries(ids.map((n, i) => [n, nodes[i] as JsonObject])),
      edges,
    }))
}

function database(name: string): fc.Arbitrary<JsonObject> {
  return fc
    .record({
      id: idOf('db'),
      description: prose,
      capabilities: fc.subarray(['crud', 'filtering', 'joins', 'pagination', 'transactions']),
      tables: fc.dictionary(
        fc.constantFrom('orders', 'users', 'items', 'z_last'),
        fc
          .uniqueArray(fc.constantFrom('id', 'total', 'created_at', 'note'), { minLength: 1, maxLength: 4 })
          .map((cols) => ({
            columns: Object.fromEntries(
              cols.map((c) => [c, { type: c === 'id' ? 'uuid' : 'text', nullable: c !== 'id' }]),
            ),
            primaryKey: [cols[0] as string],
          })),
        { minKeys: 1, maxKeys: 3 },
      ),
    })
    .map(({ id, description, capabilities, tables }) => ({
      format: 'backplane.database/v1',
      id,
      name,
      description,
      type: 'sql',
      capabilities,
      semantics: { reads: 'strong', writes: 'transactional', isolation: 'read-committed' },
      connection: { scope: 'environment', poolSize: 5 },
      tables,
    }))
}

function queue(names: Names, name: string): fc.Arbitrary<JsonObject> {
  return fc
    .record({
      id: idOf('que'),
      description: prose,
      producers: fc.subarray(names.processes),
      consumers: fc.subarray(names.processes),
      forwardTo: fc.option(fc.constantFrom(...names.queues.filter((q) => q !== name), 'gone-queue'), {
        nil: undefined,
      }),
    })
    .map(({ id, description, producers, consumers, forwardTo }) => ({
      format: 'backplane.queue/v1',
      id,
      name,
      description,
      message: { type: 'object', properties: { orderId: { type: 'string' } } },
      producers,
      consumers: Object.fromEntries(consumers.map((c) => [c, { concurrency: 2 }])),
      delivery: { ordering: 'unordered', mode: 'fan-out' },
      retry: { maxAttempts: 3, interval: '1s', backoffRate: 2, jitter: 'full' },
      deadLetter: (forwardTo === undefined ? { store: 'project' } : { store: 'project', forwardTo }) as JsonObject,
    }))
}

/** Shuffles object keys at every level (deterministically from `seed`), so files are not already canonical. */
function shuffleKeys(value: JsonValue, seed: number): JsonValue {
  if (Array.isArray(value)) return value.map((v, i) => shuffleKeys(v, seed + i))
  if (typeof value !== 'object' || value === null) return value
  const keys = Object.keys(value)
  const rotated = keys.length > 1 ? [...keys.slice(seed % keys.length), ...keys.slice(0, seed % keys.length)] : keys
  const out: JsonObject = {}
  for (const k of rotated)
    Object.defineProperty(out, k, {
      value: shuffleKeys(value[k] as JsonValue, seed * 7 + 3),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  return out
}

export type ArbitraryProject = { files: Record<string, string> }

/** A random valid project folder (path → text). `shuffle` rotates our JSON's keys (never a spec's: order is content). */
export function arbitraryProject(): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      apiNames: fc.uniqueArray(slug, { maxLength: 3 }),
      processNames: fc.uniqueArray(slug, { minLength: 1, maxLength: 3 }),
      databaseNames: fc.uniqueArray(slug, { maxLength: 2 }),
      queueNames: fc.uniqueArray(slug, { maxLength: 2 }),
      seed: fc.nat(1000),
    })
    .chain(({ apiNames, processNames, databaseNames, queueNames, seed }) => {
      const names: Names = { apis: apiNames, processes: processNames, databases: databaseNames, queues: queueNames }
      return fc.record({
        projectId: idOf('prj'),
        description: prose,
        apis: fc.tuple(
          ...apiNames.map(() =>
            fc.record({
              id: idOf('api'),
              rest: fc.boolean(),
              yaml: fc.boolean(),
              openapi: openapiDoc(),
              asyncapi: asyncapiDoc(),
            }),
          ),
        ),
        processes: fc.tuple(...processNames.map((n) => process(names, n))),
        databases: fc.tuple(...databaseNames.map((n) => database(n))),
        queues: fc.tuple(...queueNames.map((n) => queue(names, n))),
        canvas: fc.boolean(),
        seed: fc.constant(seed),
        names: fc.constant(names),
      })
    })
    .map(({ projectId, description, apis, processes, databases, queues, canvas, seed, names }) => {
      const files: Record<string, string> = {}
      const our = (path: string, value: JsonObject) => {
        files[path] = JSON.stringify(shuffleKeys(value, seed))
      }
      const manifestApis: JsonObject = {}
      apis.forEach((api, i) => {
        const name = names.apis[i] as string
        const kind = api.rest ? 'openapi' : 'asyncapi'
        const file = `apis/${name}.${kind}.${api.yaml ? 'yaml' : 'json'}`
        manifestApis[name] = { id: api.id, type: api.rest ? 'rest' : 'event', file }
        const doc = api.rest ? api.openapi : api.asyncapi
        files[file] = api.yaml ? yamlish(doc) : JSON.stringify(doc, null, 1)
      })
      our('backplane.json', {
        format: 'backplane.project/v1',
        id: projectId,
        name: 'shop',
        description,
        apis: manifestApis,
      })
      for (const p of processes) our(`processes/${p.name}.process.json`, p)
      for (const d of databases) our(`infra/databases/${d.name}.database.json`, d)
      for (const q of queues) our(`infra/queues/${q.name}.queue.json`, q)
      if (canvas) {
        const canvases: JsonObject = { overview: { viewport: { x: 0, y: 0, zoom: 1 }, positions: {}, groups: {} } }
        for (const p of processes) {
          canvases[`process:${p.id as string}`] = {
            viewport: { x: 1, y: 2, zoom: 0.5 },
            positions: Object.fromEntries(Object.keys(p.nodes as JsonObject).map((n, i) => [n, { x: i * 10, y: 5 }])),
            groups: {},
          }
        }
        our('canvas.json', { format: 'backplane.canvas/v1', canvases })
      }
      return files
    })
}

function yamlish(doc: JsonObject): string {
  return stringify(doc, { indent: 4 })
}
