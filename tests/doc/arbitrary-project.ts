import fc from 'fast-check'
import { stringify } from 'yaml'
import type { JsonObject, JsonValue } from '../../lib/doc/json-value'

// Random valid projects, built from the schemas (schemas/*.schema.json) and valid across files by construction
// (lib/validation reports no errors on them; arbitrary-project.test.ts checks that): a manifest with REST and
// event API surfaces (small OpenAPI 3.1 / AsyncAPI 3.0 documents), processes whose node chains use every node kind
// that references other entities (database tables, queues, callee processes) and every trigger kind, SQL
// databases with tables, queues whose producers and consumers match the processes, and a canvas. Our files are
// written compactly with rotated keys, so fmt has real work to do; specs keep their (meaningful) key order.

const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''))
const idOf = (prefix: string) => fc.string({ unit: alnum, minLength: 16, maxLength: 16 }).map((s) => `${prefix}_${s}`)
const word = fc.constantFrom('order', 'orders', 'user', 'pay', 'ship', 'note', 'event', 'stock', 'mail', 'report')
const slug = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join('-'))
const prose = fc.oneof(fc.constant(''), fc.lorem({ maxCount: 8 }), fc.string({ maxLength: 30 }))

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

const operationArb = fc.record(
  { summary: prose, description: prose, tags: fc.constant(['orders']) },
  { requiredKeys: [] },
)

const openapiArb = fc.record({
  info: fc.record({ title: prose, version: fc.constant('1.0.0'), description: prose }),
  paths: fc.dictionary(
    slug.map((s) => `/${s}`),
    fc.record({ get: operationArb, post: operationArb, description: prose }, { requiredKeys: [] }),
    { maxKeys: 3 },
  ),
  schemas: fc.dictionary(fc.constantFrom('Order', 'User', 'Item', 'Error'), objectSchema, { maxKeys: 3 }),
  ext: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
})

const asyncapiArb = fc.record({
  title: prose,
  channels: fc.uniqueArray(slug, { maxLength: 3 }),
  schemas: fc.dictionary(fc.constantFrom('Order', 'Shipment'), objectSchema, { maxKeys: 2 }),
})

const nodePlanArb = fc.record({
  kind: fc.nat(99),
  pick: fc.nat(99),
  label: prose,
  description: prose,
  output: objectSchema,
  fields: fc.uniqueArray(fc.constantFrom('a', 'b', 'total', 'Z'), { minLength: 1, maxLength: 3 }),
  withDescription: fc.boolean(),
})

const processPlanArb = fc.record({
  id: idOf('prc'),
  description: prose,
  trigger: fc.nat(99),
  nodes: fc.array(nodePlanArb, { minLength: 0, maxLength: 4 }),
  nodeIds: fc.uniqueArray(slug, { minLength: 5, maxLength: 5 }),
  endsInFail: fc.boolean(),
})

const databaseArb = fc.record({
  id: idOf('db'),
  description: prose,
  capabilities: fc.subarray(['filtering', 'joins', 'pagination', 'transactions']),
  tables: fc.dictionary(
    fc.constantFrom('orders', 'users', 'items', 'z_last'),
    fc.uniqueArray(fc.constantFrom('id', 'total', 'created_at', 'note'), { minLength: 1, maxLength: 4 }),
    { minKeys: 1, maxKeys: 3 },
  ),
})

const queueArb = fc.record({
  id: idOf('que'),
  description: prose,
  forward: fc.boolean(),
  concurrency: fc.integer({ min: 1, max: 9 }),
})

const apiArb = fc.record({
  id: idOf('api'),
  rest: fc.boolean(),
  yaml: fc.boolean(),
  openapi: openapiArb,
  asyncapi: asyncapiArb,
})

const methods = ['get', 'post'] as const
type Operation = { api: string; operationId: string }

function openapiDocument(name: string, plan: typeof openapiArb extends fc.Arbitrary<infer T> ? T : never) {
  const operations: Operation[] = []
  const paths: JsonObject = {}
  Object.entries(plan.paths).forEach(([path, item], i) => {
    const out: JsonObject = {}
    for (const [key, value] of Object.entries(item)) {
      if (!(methods as readonly string[]).includes(key)) {
        out[key] = value as JsonValue
        continue
      }
      const operationId = `${name}-${i}-${key}`
      operations.push({ api: name, operationId })
      out[key] = {
        operationId,
        ...(value as JsonObject),
        parameters: [{ name: 'id', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' }, default: { description: 'error' } },
      }
    }
    paths[path] = out
  })
  const doc: JsonObject = { openapi: '3.1.0', info: plan.info, paths, components: { schemas: plan.schemas } }
  if (plan.ext !== undefined) doc['x-extra'] = plan.ext as JsonValue
  return { doc, operations }
}

function asyncapiDocument(plan: typeof asyncapiArb extends fc.Arbitrary<infer T> ? T : never): JsonObject {
  const { title, channels, schemas } = plan
  return {
    asyncapi: '3.0.0',
    info: { title, version: '1.0.0' },
    channels: Object.fromEntries(
      channels.map((c) => [c, { address: `${c}.events`, messages: { [c]: { $ref: `#/components/messages/${c}` } } }]),
    ),
    operations: Object.fromEntries(
      channels.map((c) => [`send-${c}`, { action: 'send', channel: { $ref: `#/channels/${c}` } }]),
    ),
    components: { schemas, messages: Object.fromEntries(channels.map((c) => [c, { payload: { type: 'object' } }])) },
  }
}

/** Rotates object keys at every level (deterministically from `seed`), so files are not already canonical. */
function shuffleKeys(value: JsonValue, seed: number): JsonValue {
  if (Array.isArray(value)) return value.map((v, i) => shuffleKeys(v, seed + i))
  if (typeof value !== 'object' || value === null) return value
  const keys = Object.keys(value)
  const at = keys.length > 1 ? seed % keys.length : 0
  const out: JsonObject = {}
  for (const k of [...keys.slice(at), ...keys.slice(0, at)]) {
    Object.defineProperty(out, k, {
      value: shuffleKeys(value[k] as JsonValue, seed * 7 + 3),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}

const expressions = ['input.id', 'input.amount * 2', '{"ok": true}', '$count(input.items)']
const inputs: JsonObject = {
  type: 'object',
  properties: { id: { type: 'string' }, amount: { type: 'number' }, items: { type: 'array' } },
}

/** A random valid project folder (path → text). */
export function arbitraryProject(): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      projectId: idOf('prj'),
      description: prose,
      apiNames: fc.uniqueArray(slug, { maxLength: 3 }),
      processNames: fc.uniqueArray(slug, { minLength: 1, maxLength: 3 }),
      databaseNames: fc.uniqueArray(slug, { maxLength: 2 }),
      queueNames: fc.uniqueArray(slug, { maxLength: 2 }),
      apis: fc.array(apiArb, { minLength: 3, maxLength: 3 }),
      processes: fc.array(processPlanArb, { minLength: 3, maxLength: 3 }),
      databases: fc.array(databaseArb, { minLength: 2, maxLength: 2 }),
      queues: fc.array(queueArb, { minLength: 2, maxLength: 2 }),
      canvas: fc.boolean(),
      seed: fc.nat(1000),
    })
    .map((plan) => {
      const files: Record<string, string> = {}
      const our = (path: string, value: JsonObject) => {
        files[path] = JSON.stringify(shuffleKeys(value, plan.seed))
      }
      const pickFrom = <T>(items: readonly T[], n: number): T => items[n % items.length] as T

      // API surfaces.
      const manifestApis: JsonObject = {}
      const operations: Operation[] = []
      plan.apiNames.forEach((name, i) => {
        const api = plan.apis[i] as (typeof plan.apis)[number]
        const kind = api.rest ? 'openapi' : 'asyncapi'
        const file = `apis/${name}.${kind}.${api.yaml ? 'yaml' : 'json'}`
        manifestApis[name] = { id: api.id, type: api.rest ? 'rest' : 'event', file }
        let doc: JsonObject
        if (api.rest) {
          const built = openapiDocument(name, api.openapi)
          doc = built.doc
          operations.push(...built.operations)
        } else doc = asyncapiDocument(api.asyncapi)
        files[file] = api.yaml
          ? stringify(doc, { indent: 4, aliasDuplicateObjects: false })
          : JSON.stringify(doc, null, 1)
      })
      our('backplane.json', {
        format: 'backplane.project/v1',
        id: plan.projectId,
        name: 'shop',
        description: plan.description,
        apis: manifestApis,
      })

      // Databases: every table keyed by its first column.
      const tables: { database: string; table: string; key: string }[] = []
      plan.databaseNames.forEach((name, i) => {
        const d = plan.databases[i] as (typeof plan.databases)[number]
        const dbTables: JsonObject = {}
        for (const [table, cols] of Object.entries(d.tables)) {
          tables.push({ database: name, table, key: cols[0] as string })
          dbTables[table] = {
            columns: Object.fromEntries(
              cols.map((c) => [c, { type: c === 'id' ? 'uuid' : 'text', nullable: c !== cols[0] }]),
            ),
            primaryKey: [cols[0] as string],
          }
        }
        our(`infra/databases/${name}.database.json`, {
          format: 'backplane.database/v1',
          id: d.id,
          name,
          description: d.description,
          type: 'sql',
          capabilities: ['crud', ...d.capabilities],
          semantics: { reads: 'strong', writes: 'transactional', isolation: 'read-committed' },
          connection: { scope: 'environment', poolSize: 5 },
          tables: dbTables,
        })
      })

      // Processes: a chain of nodes ending in return (or fail), triggered one of four ways.
      const producers = new Map<string, string[]>()
      const consumers = new Map<string, string[]>()
      const processIds: Record<string, string> = {}
      plan.processNames.forEach((name, i) => {
        const p = plan.processes[i] as (typeof plan.processes)[number]
        processIds[name] = p.id
        const ids = p.nodeIds.slice(0, p.nodes.length + 1)
        const nodes: JsonObject = {}
        p.nodes.forEach((n, k) => {
          const id = ids[k] as string
          const base: JsonObject = { label: n.label, ...(n.withDescription ? { description: n.description } : {}) }
          const expr = { expr: pickFrom(expressions, n.pick) }
          const kinds = ['compute', 'transform', 'for-each']
          if (tables.length > 0) kinds.push('database')
          if (plan.queueNames.length > 0) kinds.push('queue-publish')
          if (i > 0) kinds.push('call-process')
          const kind = pickFrom(kinds, n.kind)
          if (kind === 'compute') nodes[id] = { kind, ...base, expression: expr, output: n.output }
          else if (kind === 'transform') {
            nodes[id] = { kind, ...base, fields: Object.fromEntries(n.fields.map((f) => [f, expr])), output: n.output }
          } else if (kind === 'for-each') {
            nodes[id] = {
              kind,
              ...base,
              items: { expr: 'input.items' },
              maxConcurrency: 1 + (n.pick % 10),
              body: {
                entry: `${id}-item`,
                nodes: { [`${id}-item`]: { kind: 'return', label: '', value: { expr: 'item' } } },
                edges: [],
              },
              output: {},
            }
          } else if (kind === 'database') {
            const t = pickFrom(tables, n.pick)
            nodes[id] = {
              kind,
              ...base,
              database: t.database,
              operation: { op: 'get', table: t.table, key: { [t.key]: { expr: 'input.id' } } },
              timeout: '5s',
            }
          } else if (kind === 'queue-publish') {
            const queue = pickFrom(plan.queueNames, n.pick)
            producers.set(queue, [...(producers.get(queue) ?? []), name])
            nodes[id] = { kind, ...base, queue, message: { expr: '{"orderId": input.id}' }, timeout: '5s' }
          } else {
            const callee = pickFrom(plan.processNames.slice(0, i), n.pick)
            nodes[id] = { kind, ...base, process: callee, input: { expr: 'input' }, timeout: '30s' }
          }
        })
        const last = ids[p.nodes.length] as string
        nodes[last] = p.endsInFail
          ? { kind: 'fail', label: 'not found', error: 'NotFound', details: { expr: '{"id": input.id}' } }
          : { kind: 'return', label: 'done', value: { expr: '{"ok": true}' } }
        const errors: JsonObject = p.endsInFail
          ? {
              NotFound: {
                description: 'No such order.',
                schema: { type: 'object', properties: { id: { type: 'string' } } },
              },
            }
          : {}
        const triggers = ['manual', 'schedule']
        if (operations.length > 0) triggers.push('api-operation')
        if (plan.queueNames.length > 0) triggers.push('queue')
        const t = pickFrom(triggers, p.trigger)
        let type = 'orchestrated-workflow'
        let execution: JsonObject = { model: 'sync', trigger: { kind: 'manual' }, timeout: '10s' }
        if (t === 'schedule') {
          type = 'background-job'
          execution = {
            model: 'scheduled',
            trigger: { kind: 'schedule', cron: '0 3 * * *', timeZone: 'Europe/Paris', overlap: 'skip' },
            timeout: '1h',
          }
        } else if (t === 'api-operation') {
          const op = pickFrom(operations, p.trigger)
          execution = {
            model: 'sync',
            trigger: {
              kind: 'api-operation',
              api: op.api,
              operation: { operationId: op.operationId },
              request: { id: { from: 'query', name: 'id' } },
              response: { status: '200' },
              errors: p.endsInFail ? { NotFound: { status: 'default' } } : {},
            },
            timeout: '30s',
          }
        } else if (t === 'queue') {
          const queue = pickFrom(plan.queueNames, p.trigger)
          consumers.set(queue, [...(consumers.get(queue) ?? []), name])
          type = 'queue-consumer'
          execution = { model: 'event-driven', trigger: { kind: 'queue', queue }, timeout: '1m' }
        }
        our(`processes/${name}.process.json`, {
          format: 'backplane.process/v1',
          id: p.id,
          name,
          type,
          execution,
          description: p.description,
          inputs,
          outputs: { success: { type: 'object' }, errors },
          entry: ids[0] as string,
          nodes,
          edges: ids.slice(0, -1).map((from, k) => ({ from, port: 'out', to: ids[k + 1] as string })),
        })
      })

      // Queues: producers and consumers are exactly the processes that publish to / consume them.
      plan.queueNames.forEach((name, i) => {
        const q = plan.queues[i] as (typeof plan.queues)[number]
        const other = plan.queueNames.find((n) => n !== name)
        our(`infra/queues/${name}.queue.json`, {
          format: 'backplane.queue/v1',
          id: q.id,
          name,
          description: q.description,
          message: { type: 'object', properties: { orderId: { type: 'string' } } },
          producers: [...new Set(producers.get(name) ?? [])],
          consumers: Object.fromEntries((consumers.get(name) ?? []).map((c) => [c, { concurrency: q.concurrency }])),
          delivery: { ordering: 'unordered', mode: 'fan-out' },
          retry: { maxAttempts: 3, interval: '1s', backoffRate: 2, jitter: 'full' },
          deadLetter: q.forward && other ? { store: 'project', forwardTo: other } : { store: 'project' },
        })
      })

      if (plan.canvas) {
        const canvases: JsonObject = { overview: { viewport: { x: 0, y: 0, zoom: 1 }, positions: {}, groups: {} } }
        for (const [name, id] of Object.entries(processIds)) {
          const process = JSON.parse(files[`processes/${name}.process.json`] as string) as { nodes: JsonObject }
          canvases[`process:${id}`] = {
            viewport: { x: 1, y: 2, zoom: 0.5 },
            positions: Object.fromEntries(Object.keys(process.nodes).map((n, i) => [n, { x: i * 10, y: 5 }])),
            groups: {},
          }
        }
        our('canvas.json', { format: 'backplane.canvas/v1', canvases })
      }
      return files
    })
}
