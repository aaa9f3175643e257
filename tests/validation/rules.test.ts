import { describe, expect, it } from 'vitest'
import type { Problem } from '../../lib/problems'
import { validateProject } from '../../lib/validation'
import { del, get, type JsonObject, lineOf, push, set, shopProject, shopWith, toFiles } from './shop-project'

const P = 'processes/create-order.process.json'
const G = 'processes/get-order.process.json'
const F = 'processes/fulfil-order.process.json'
const N = 'processes/nightly-report.process.json'
const C = 'processes/price-quote.process.json'
const Q = 'infra/queues/fulfilment.queue.json'
const D = 'infra/databases/orders-db.database.json'
const M = 'backplane.json'

/**
 * Validates `files` (specs parsed and indexed, not re-validated: the spec validators have their own tests) and
 * asserts one problem of `rule` at `file` + `pointer`, on the line whose text contains `needle`.
 */
async function expectRule(
  files: Record<string, string>,
  expected: {
    rule: string
    file: string
    pointer: string
    needle?: string
    /** The needle's nth occurrence (default 1), and lines below it (default 0). */
    nth?: number
    below?: number
    severity?: Problem['severity']
  },
): Promise<Problem[]> {
  const { problems } = await validateProject(files, { validateSpecs: false })
  const hits = problems.filter(
    (p) => p.rule === expected.rule && p.file === expected.file && p.pointer === expected.pointer,
  )
  expect(hits, JSON.stringify(problems, null, 1)).toHaveLength(1)
  const hit = hits[0] as Problem
  expect(hit.severity).toBe(expected.severity ?? 'error')
  if (expected.needle !== undefined) {
    expect(hit.line).toBe(lineOf(files[expected.file], expected.needle, expected.nth) + (expected.below ?? 0))
  }
  expect(hit.message.length).toBeGreaterThan(10)
  // Rules of this module always say how to fix; lib/formats' schema rules may leave the hint to the message.
  if (!/^(schema|json|files)\./.test(hit.rule)) expect(hit.hint.length).toBeGreaterThan(5)
  return problems
}

const errorRules = (problems: Problem[]) =>
  [...new Set(problems.filter((p) => p.severity === 'error').map((p) => p.rule))].sort()

describe('files and names (lib/formats readProject rules, through validateProject)', () => {
  it('[schema.minimum] a value outside its schema', async () => {
    const files = shopWith(D, (f) => {
      set(f, '/connection/poolSize', 0)
    })
    const problems = await expectRule(files, {
      rule: 'schema.minimum',
      file: D,
      pointer: '/connection/poolSize',
      needle: '"poolSize": 0',
    })
    expect(errorRules(problems)).toEqual(['schema.minimum'])
  })

  it('[json.syntax] a broken JSON file, without cascading into unknown-process', async () => {
    const files = toFiles(shopProject())
    files[C] = (files[C] ?? '').replace('"name": "price-quote",', '"name": "price-quote"')
    const { problems } = await validateProject(files, { validateSpecs: false })
    expect(problems.map((p) => [p.rule, p.file, p.line])).toEqual([
      ['json.syntax', C, lineOf(files[C], '"type": "calculation"')],
    ])
  })

  it('[files.missing-manifest] no backplane.json, and no trigger cascade', async () => {
    const project = shopProject()
    delete project[M]
    const problems = await expectRule(toFiles(project), { rule: 'files.missing-manifest', file: M, pointer: '' })
    expect(errorRules(problems)).toEqual(['files.missing-manifest'])
  })

  it('[files.missing-spec] the manifest names a spec that is not there', async () => {
    const project = shopProject()
    delete project['apis/orders.openapi.yaml']
    await expectRule(toFiles(project), {
      rule: 'files.missing-spec',
      file: M,
      pointer: '/apis/orders/file',
      needle: '"file"',
    })
  })

  it('[files.spec-kind] an OpenAPI file declared as an event surface', async () => {
    const files = shopWith(M, (f) => {
      set(f, '/apis/orders/type', 'event')
    })
    const problems = await expectRule(files, { rule: 'files.spec-kind', file: M, pointer: '/apis/orders/type' })
    expect(problems.some((p) => p.rule === 'process.trigger.api-not-rest' && p.file === P)).toBe(true)
  })

  it('[files.unknown-path] and [files.unlisted-spec] stray files are warnings', async () => {
    const files = { ...toFiles(shopProject()), 'notes.txt': 'hi', 'apis/extra.openapi.yaml': 'openapi: 3.1.0' }
    await expectRule(files, { rule: 'files.unknown-path', file: 'notes.txt', pointer: '', severity: 'warning' })
    await expectRule(files, {
      rule: 'files.unlisted-spec',
      file: 'apis/extra.openapi.yaml',
      pointer: '',
      severity: 'warning',
    })
  })

  it('[files.name-mismatch] a name that is not the file name', async () => {
    const files = shopWith(Q, (f) => {
      set(f, '/name', 'shipping')
    })
    await expectRule(files, { rule: 'files.name-mismatch', file: Q, pointer: '/name', needle: '"name": "shipping"' })
  })

  it('[project.name.duplicate] two processes with one name', async () => {
    const project = shopProject()
    const copy = structuredClone(project[C]) as JsonObject
    set(copy, '/id', 'prc_0123456789abcdef')
    project['processes/price-quote-copy.process.json'] = copy
    const files = toFiles(project)
    // The copy fails the file-name rule too; well-formed files come first, so the copy is the duplicate.
    const copyPath = 'processes/price-quote-copy.process.json'
    await expectRule(files, { rule: 'project.name.duplicate', file: copyPath, pointer: '/name', needle: '"name"' })
  })

  it('[project.id.duplicate] one id on two elements', async () => {
    const files = shopWith(N, (f) => {
      set(f, '/id', 'prc_0123456789abcdeb')
    })
    // Files are read in path order: nightly-report before price-quote, so price-quote is the duplicate.
    await expectRule(files, { rule: 'project.id.duplicate', file: C, pointer: '/id', needle: '"id"' })
  })
})

describe('triggers', () => {
  it('[process.trigger.unknown-api]', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/execution/trigger/api', 'shop')
    })
    const problems = await expectRule(files, {
      rule: 'process.trigger.unknown-api',
      file: P,
      pointer: '/execution/trigger/api',
      needle: '"api": "shop"',
    })
    expect(errorRules(problems)).toEqual(['process.trigger.unknown-api'])
  })

  it('[process.trigger.api-not-rest] an api-operation trigger on an event surface', async () => {
    const project = shopProject()
    set(project[M] as JsonObject, '/apis/events', {
      id: 'api_0123456789abcdeX',
      type: 'event',
      file: 'apis/events.asyncapi.yaml',
    })
    project['apis/events.asyncapi.yaml'] = 'asyncapi: 3.0.0\ninfo:\n  title: Events\n  version: 1.0.0\n'
    set(project[P] as JsonObject, '/execution/trigger/api', 'events')
    const files = toFiles(project)
    await expectRule(files, {
      rule: 'process.trigger.api-not-rest',
      file: P,
      pointer: '/execution/trigger/api',
      needle: '"api": "events"',
    })
  })

  it('[process.trigger.unknown-operation] by operationId and by method + path', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/execution/trigger/operation', { operationId: 'makeOrder' })
    })
    await expectRule(files, {
      rule: 'process.trigger.unknown-operation',
      file: P,
      pointer: '/execution/trigger/operation',
      needle: '"operation"',
    })
    const byPath = shopWith(G, (f) => {
      set(f, '/execution/trigger/operation', { method: 'get', path: '/orders/{id}' })
    })
    await expectRule(byPath, {
      rule: 'process.trigger.unknown-operation',
      file: G,
      pointer: '/execution/trigger/operation',
      needle: '"operation"',
    })
  })

  it('[process.trigger.unknown-input] a request part mapped to an undeclared input', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/execution/trigger/request/coupon', { from: 'body', pointer: '/customerId' })
    })
    const problems = await expectRule(files, {
      rule: 'process.trigger.unknown-input',
      file: P,
      pointer: '/execution/trigger/request/coupon',
      needle: '"coupon"',
    })
    expect(errorRules(problems)).toEqual(['process.trigger.unknown-input'])
  })

  it('[process.trigger.unknown-parameter] a path parameter the operation does not have', async () => {
    const files = shopWith(G, (f) => {
      set(f, '/execution/trigger/request/orderId/name', 'id')
    })
    await expectRule(files, {
      rule: 'process.trigger.unknown-parameter',
      file: G,
      pointer: '/execution/trigger/request/orderId/name',
      needle: '"name": "id"',
    })
  })

  it('[process.trigger.no-request-body] a body mapping on an operation without body', async () => {
    const files = shopWith(G, (f) => {
      set(f, '/execution/trigger/request/orderId', { from: 'body', pointer: '/id' })
    })
    await expectRule(files, {
      rule: 'process.trigger.no-request-body',
      file: G,
      pointer: '/execution/trigger/request/orderId/from',
      needle: '"from": "body"',
    })
  })

  it('[process.trigger.unknown-body-pointer] a body pointer the body schema does not declare ($ref followed)', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/execution/trigger/request/items/pointer', '/itemz')
    })
    await expectRule(files, {
      rule: 'process.trigger.unknown-body-pointer',
      file: P,
      pointer: '/execution/trigger/request/items/pointer',
      needle: '"/itemz"',
    })
  })

  it('[process.trigger.unmapped-input] a required input no request part feeds', async () => {
    const files = shopWith(P, (f) => {
      del(f, '/execution/trigger/request/items')
    })
    await expectRule(files, {
      rule: 'process.trigger.unmapped-input',
      file: P,
      pointer: '/execution/trigger/request',
      needle: '"request"',
    })
  })

  it('[process.trigger.undeclared-response] success and error statuses must be declared responses', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/execution/trigger/response/status', '200')
    })
    await expectRule(files, {
      rule: 'process.trigger.undeclared-response',
      file: P,
      pointer: '/execution/trigger/response/status',
      needle: '"status": "200"',
    })
    const err = shopWith(P, (f) => {
      set(f, '/execution/trigger/errors/Conflict/status', '410')
    })
    await expectRule(err, {
      rule: 'process.trigger.undeclared-response',
      file: P,
      pointer: '/execution/trigger/errors/Conflict/status',
      needle: '"status": "410"',
    })
  })

  it('[process.trigger.undeclared-error] and [process.trigger.unmapped-error]', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/execution/trigger/errors/Oops', { status: '400' })
    })
    await expectRule(files, {
      rule: 'process.trigger.undeclared-error',
      file: P,
      pointer: '/execution/trigger/errors/Oops',
      needle: '"Oops"',
    })
    const unmapped = shopWith(P, (f) => {
      del(f, '/execution/trigger/errors/Conflict')
    })
    await expectRule(unmapped, {
      rule: 'process.trigger.unmapped-error',
      file: P,
      pointer: '/execution/trigger/errors',
      needle: '"errors": {',
    })
  })

  it('[process.trigger.unknown-queue] and [process.trigger.not-consumer]', async () => {
    const files = shopWith(F, (f) => {
      set(f, '/execution/trigger/queue', 'shipping')
    })
    await expectRule(files, {
      rule: 'process.trigger.unknown-queue',
      file: F,
      pointer: '/execution/trigger/queue',
      needle: '"queue": "shipping"',
    })
    const notConsumer = shopWith(Q, (f) => {
      set(f, '/consumers', {})
    })
    await expectRule(notConsumer, {
      rule: 'process.trigger.not-consumer',
      file: F,
      pointer: '/execution/trigger/queue',
      needle: '"queue": "fulfilment"',
    })
  })

  it('[process.schedule.requires-input] a scheduled process with required input', async () => {
    const files = shopWith(N, (f) => {
      set(f, '/inputs', { type: 'object', properties: { day: { type: 'string' } }, required: ['day'] })
    })
    await expectRule(files, {
      rule: 'process.schedule.requires-input',
      file: N,
      pointer: '/inputs/required',
      needle: '"required"',
    })
  })
})

describe('schedules', () => {
  it('[process.schedule.invalid-cron]', async () => {
    for (const cron of ['0 25 * * *', '0 2 * * * *', '*/0 * * * *', '0 2 * FOO *', '0 5-2 * * *']) {
      const files = shopWith(N, (f) => {
        set(f, '/execution/trigger/cron', cron)
      })
      await expectRule(files, {
        rule: 'process.schedule.invalid-cron',
        file: N,
        pointer: '/execution/trigger/cron',
        needle: '"cron"',
      })
    }
    const names = shopWith(N, (f) => {
      set(f, '/execution/trigger/cron', '0 2 1-15/2 JAN-MAR MON,FRI')
    })
    expect((await validateProject(names, { validateSpecs: false })).problems).toEqual([])
  })

  it('[process.schedule.invalid-time-zone]', async () => {
    const files = shopWith(N, (f) => {
      set(f, '/execution/trigger/timeZone', 'Europe/Atlantis')
    })
    await expectRule(files, {
      rule: 'process.schedule.invalid-time-zone',
      file: N,
      pointer: '/execution/trigger/timeZone',
      needle: '"timeZone"',
    })
  })
})

describe('values against their schemas', () => {
  it('[process.value.missing-property] return, fail details and queue messages', async () => {
    const ret = shopWith(C, (f) => {
      set(f, '/outputs/success/required', ['total'])
      set(f, '/nodes/ret/value/expr', '{ "sum": nodes.sum }')
    })
    await expectRule(ret, {
      rule: 'process.value.missing-property',
      file: C,
      pointer: '/nodes/ret/value/expr',
      needle: 'nodes.sum }',
      severity: 'warning',
    })
    const message = shopWith(P, (f) => {
      set(f, '/nodes/publish/message/expr', '{ "id": nodes.save.id }')
    })
    await expectRule(message, {
      rule: 'process.value.missing-property',
      file: P,
      pointer: '/nodes/publish/message/expr',
      needle: '"queue": "fulfilment"',
      below: 2,
      severity: 'warning',
    })
    const details = shopWith(P, (f) => {
      set(f, '/outputs/errors/InvalidOrder/schema', {
        type: 'object',
        properties: { reason: { type: 'string' } },
        required: ['reason', 'count'],
      })
    })
    await expectRule(details, {
      rule: 'process.value.missing-property',
      file: P,
      pointer: '/nodes/fail-invalid/details/expr',
      needle: '\\"reason\\": \\"empty\\"',
      severity: 'warning',
    })
  })

  it('[process.value.unknown-property] keys a closed schema does not allow', async () => {
    const files = shopWith(C, (f) => {
      set(f, '/outputs/success/additionalProperties', false)
      set(f, '/nodes/ret/value/expr', '{ "total": nodes.sum, "currency": "EUR" }')
    })
    await expectRule(files, {
      rule: 'process.value.unknown-property',
      file: C,
      pointer: '/nodes/ret/value/expr',
      needle: 'currency',
      severity: 'warning',
    })
  })

  it('[process.http.unknown-placeholder] and [process.http.unused-param]', async () => {
    const files = shopWith(F, (f) => {
      set(f, '/nodes/each/body/nodes/ship/url', 'https://ship.example.com/orders/{order}/parcels')
      set(f, '/nodes/each/body/nodes/ship/params', { sku: { expr: 'item.sku' } })
    })
    await expectRule(files, {
      rule: 'process.http.unknown-placeholder',
      file: F,
      pointer: '/nodes/each/body/nodes/ship/url',
      needle: '{order}',
    })
    await expectRule(files, {
      rule: 'process.http.unused-param',
      file: F,
      pointer: '/nodes/each/body/nodes/ship/params/sku',
      needle: '"sku": {',
      severity: 'warning',
    })
  })

  it('[queue.consumer.input-mismatch] a consumer requiring what messages do not carry', async () => {
    const files = shopWith(F, (f) => {
      set(f, '/inputs', {
        type: 'object',
        properties: { orderId: { type: 'string' }, priority: { type: 'integer' } },
        required: ['orderId', 'priority'],
      })
    })
    await expectRule(files, {
      rule: 'queue.consumer.input-mismatch',
      file: F,
      pointer: '/inputs/required',
      needle: '"required"',
      severity: 'warning',
    })
  })
})

describe('database nodes', () => {
  it('[process.database.unknown-database]', async () => {
    const files = shopWith(G, (f) => {
      set(f, '/nodes/load/database', 'users-db')
    })
    const problems = await expectRule(files, {
      rule: 'process.database.unknown-database',
      file: G,
      pointer: '/nodes/load/database',
      needle: '"users-db"',
    })
    expect(errorRules(problems)).toEqual(['process.database.unknown-database'])
  })

  it('[process.database.not-executable] a non-SQL block is a warning', async () => {
    const files = shopWith(D, (f) => {
      set(f, '/type', 'nosql')
      set(f, '/collections', { orders: { type: 'object' }, order_items: { type: 'object' } })
      del(f, '/tables')
    })
    await expectRule(files, {
      rule: 'process.database.not-executable',
      file: G,
      pointer: '/nodes/load/database',
      needle: '"orders-db"',
      severity: 'warning',
    })
  })

  it('[process.database.unknown-table]', async () => {
    const files = shopWith(G, (f) => {
      set(f, '/nodes/load/operation/table', 'order')
    })
    await expectRule(files, {
      rule: 'process.database.unknown-table',
      file: G,
      pointer: '/nodes/load/operation/table',
      needle: '"table": "order"',
    })
  })

  it('[process.database.unknown-column] in select, values, filter, orderBy, groupBy, conflict', async () => {
    const files = shopWith(G, (f) => {
      set(f, '/nodes/load/operation/select', ['id', 'state'])
    })
    await expectRule(files, {
      rule: 'process.database.unknown-column',
      file: G,
      pointer: '/nodes/load/operation/select/1',
      needle: '"state"',
    })
    const values = shopWith(P, (f) => {
      set(f, '/nodes/save/operation/values/customer', { expr: 'input.customerId' })
    })
    await expectRule(values, {
      rule: 'process.database.unknown-column',
      file: P,
      pointer: '/nodes/save/operation/values/customer',
      needle: '"customer": {',
    })
    const filter = shopWith(F, (f) => {
      set(f, '/nodes/items/operation/filter/0/column', 'order')
    })
    await expectRule(filter, {
      rule: 'process.database.unknown-column',
      file: F,
      pointer: '/nodes/items/operation/filter/0/column',
      needle: '"column": "order"',
    })
    const order = shopWith(F, (f) => {
      set(f, '/nodes/items/operation/orderBy/0/column', 'name')
    })
    await expectRule(order, {
      rule: 'process.database.unknown-column',
      file: F,
      pointer: '/nodes/items/operation/orderBy/0/column',
      needle: '"column": "name"',
    })
    const group = shopWith(N, (f) => {
      set(f, '/nodes/count/operation/groupBy', ['state'])
    })
    await expectRule(group, {
      rule: 'process.database.unknown-column',
      file: N,
      pointer: '/nodes/count/operation/groupBy/0',
      needle: '"state"',
    })
    const upsert = shopWith(P, (f) => {
      set(f, '/nodes/save/operation/op', 'upsert')
      set(f, '/nodes/save/operation/conflict', ['ref'])
    })
    await expectRule(upsert, {
      rule: 'process.database.unknown-column',
      file: P,
      pointer: '/nodes/save/operation/conflict/0',
      needle: '"ref"',
    })
  })

  it('[process.database.capability-missing] each operation part needs its capability', async () => {
    const files = shopWith(D, (f) => {
      set(f, '/capabilities', ['aggregations', 'constraints', 'crud', 'filtering', 'transactions'])
    })
    await expectRule(files, {
      rule: 'process.database.capability-missing',
      file: F,
      pointer: '/nodes/items/operation/orderBy',
      needle: '"orderBy"',
    })
    const agg = shopWith(D, (f) => {
      set(f, '/capabilities', ['constraints', 'crud', 'filtering', 'pagination', 'transactions'])
    })
    await expectRule(agg, {
      rule: 'process.database.capability-missing',
      file: N,
      pointer: '/nodes/count/operation/op',
      needle: '"op": "aggregate"',
    })
  })

  it('[process.database.unknown-column] and capabilities in joins, aggregates and transactions', async () => {
    const joins = shopWith(F, (f) => {
      set(f, '/nodes/items/operation/joins', [
        { table: 'orders', type: 'inner', on: { left: 'order_id', right: 'ident' } },
      ])
    })
    await expectRule(joins, {
      rule: 'process.database.unknown-column',
      file: F,
      pointer: '/nodes/items/operation/joins/0/on/right',
      needle: '"right": "ident"',
    })
    await expectRule(joins, {
      rule: 'process.database.capability-missing',
      file: F,
      pointer: '/nodes/items/operation/joins',
      needle: '"joins"',
    })
    const aggregate = shopWith(N, (f) => {
      set(f, '/nodes/count/operation/aggregates/sum', { fn: 'sum', column: 'amount' })
    })
    await expectRule(aggregate, {
      rule: 'process.database.unknown-column',
      file: N,
      pointer: '/nodes/count/operation/aggregates/sum/column',
      needle: '"amount"',
    })
    const tx = shopWith(P, (f) => {
      const insert = get(f, '/nodes/save/operation')
      set(f, '/nodes/save/operation', {
        op: 'transaction',
        steps: [
          { name: 'order', operation: insert },
          {
            name: 'lines',
            operation: {
              op: 'find',
              table: 'order_items',
              joins: [{ table: 'orders', type: 'left', on: { left: 'order_id', right: 'id' } }],
            },
          },
        ],
      })
    })
    await expectRule(tx, {
      rule: 'process.database.capability-missing',
      file: P,
      pointer: '/nodes/save/operation/steps/1/operation/joins',
      needle: '"joins"',
    })
  })

  it('[process.database.key-not-primary] and [process.database.missing-column-value]', async () => {
    const files = shopWith(G, (f) => {
      set(f, '/nodes/load/operation/key', { customer_id: { expr: 'input.orderId' } })
    })
    await expectRule(files, {
      rule: 'process.database.key-not-primary',
      file: G,
      pointer: '/nodes/load/operation/key',
      needle: '"key"',
    })
    const missing = shopWith(P, (f) => {
      del(f, '/nodes/save/operation/values/customer_id')
    })
    await expectRule(missing, {
      rule: 'process.database.missing-column-value',
      file: P,
      pointer: '/nodes/save/operation/values',
      needle: '"values"',
    })
  })
})

describe('queues', () => {
  it('[process.queue-publish.unknown-queue] and [process.queue-publish.not-producer]', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/nodes/publish/queue', 'shipping')
    })
    await expectRule(files, {
      rule: 'process.queue-publish.unknown-queue',
      file: P,
      pointer: '/nodes/publish/queue',
      needle: '"queue": "shipping"',
    })
    const notProducer = shopWith(Q, (f) => {
      set(f, '/producers', [])
    })
    const problems = await expectRule(notProducer, {
      rule: 'process.queue-publish.not-producer',
      file: P,
      pointer: '/nodes/publish/queue',
      needle: '"queue": "fulfilment"',
    })
    expect(errorRules(problems)).toEqual(['process.queue-publish.not-producer'])
  })

  it('[queue.producer.unknown-process] and [queue.producer.no-publish-node]', async () => {
    const files = shopWith(Q, (f) => {
      set(f, '/producers', ['create-order', 'get-order', 'ghost'])
    })
    await expectRule(files, {
      rule: 'queue.producer.no-publish-node',
      file: Q,
      pointer: '/producers/1',
      needle: '"get-order"',
    })
    await expectRule(files, {
      rule: 'queue.producer.unknown-process',
      file: Q,
      pointer: '/producers/2',
      needle: '"ghost"',
    })
  })

  it('[queue.consumer.unknown-process] and [queue.consumer.not-triggered]', async () => {
    const files = shopWith(Q, (f) => {
      set(f, '/consumers/ghost', { concurrency: 1 })
      set(f, '/consumers/get-order', { concurrency: 1 })
    })
    await expectRule(files, {
      rule: 'queue.consumer.unknown-process',
      file: Q,
      pointer: '/consumers/ghost',
      needle: '"ghost"',
    })
    await expectRule(files, {
      rule: 'queue.consumer.not-triggered',
      file: Q,
      pointer: '/consumers/get-order',
      needle: '"get-order"',
    })
  })

  it('[queue.dead-letter.unknown-queue] and [queue.dead-letter.self]', async () => {
    const files = shopWith(Q, (f) => {
      set(f, '/deadLetter/forwardTo', 'dead')
    })
    await expectRule(files, {
      rule: 'queue.dead-letter.unknown-queue',
      file: Q,
      pointer: '/deadLetter/forwardTo',
      needle: '"forwardTo"',
    })
    const self = shopWith(Q, (f) => {
      set(f, '/deadLetter/forwardTo', 'fulfilment')
    })
    await expectRule(self, {
      rule: 'queue.dead-letter.self',
      file: Q,
      pointer: '/deadLetter/forwardTo',
      needle: '"forwardTo"',
    })
  })
})

describe('dead-letter chains', () => {
  it('[queue.dead-letter.cycle] forwarding that comes back is a warning', async () => {
    const project = shopProject()
    const other = structuredClone(project[Q]) as JsonObject
    set(other, '/id', 'que_0123456789abcdeX')
    set(other, '/name', 'retry-later')
    set(other, '/producers', [])
    set(other, '/consumers', {})
    set(other, '/deadLetter', { store: 'project', forwardTo: 'fulfilment' })
    project['infra/queues/retry-later.queue.json'] = other
    set(project[Q] as JsonObject, '/deadLetter/forwardTo', 'retry-later')
    const files = toFiles(project)
    await expectRule(files, {
      rule: 'queue.dead-letter.cycle',
      file: Q,
      pointer: '/deadLetter/forwardTo',
      needle: '"forwardTo"',
      severity: 'warning',
    })
  })
})

describe('call-process', () => {
  it('[process.call.unknown-process]', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/nodes/quote/process', 'quote')
    })
    await expectRule(files, {
      rule: 'process.call.unknown-process',
      file: P,
      pointer: '/nodes/quote/process',
      needle: '"process": "quote"',
    })
  })

  it('[process.call.recursion] self and mutual', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/nodes/quote/process', 'create-order')
      set(f, '/nodes/quote/input', { expr: '{ "customerId": input.customerId, "items": input.items }' })
    })
    await expectRule(files, {
      rule: 'process.call.recursion',
      file: P,
      pointer: '/nodes/quote/process',
      needle: '"process": "create-order"',
    })
    const project = shopProject()
    const g = project[G] as JsonObject
    set(g, '/type', 'orchestrated-workflow')
    set(g, '/nodes/ret', {
      kind: 'call-process',
      label: 'Again',
      process: 'create-order',
      input: { expr: '{}' },
      timeout: '5s',
    })
    set(g, '/nodes/end', { kind: 'return', label: 'End', value: { expr: 'nodes.ret' } })
    push(g, '/edges', { from: 'ret', port: 'out', to: 'end' })
    set(project[P] as JsonObject, '/nodes/quote/process', 'get-order')
    set(project[P] as JsonObject, '/nodes/quote/input', { expr: '{ "orderId": input.customerId }' })
    const mutual = toFiles(project)
    await expectRule(mutual, {
      rule: 'process.call.recursion',
      file: G,
      pointer: '/nodes/ret/process',
      needle: '"process": "create-order"',
    })
    await expectRule(mutual, {
      rule: 'process.call.recursion',
      file: P,
      pointer: '/nodes/quote/process',
      needle: '"process": "get-order"',
    })
  })

  it('[process.call.missing-input] and [process.call.unknown-input] are warnings', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/nodes/quote/input', { expr: '{ "list": input.items }' })
    })
    const needle = '\\"list\\"'
    await expectRule(files, {
      rule: 'process.call.missing-input',
      file: P,
      pointer: '/nodes/quote/input/expr',
      needle,
      severity: 'warning',
    })
    await expectRule(files, {
      rule: 'process.call.unknown-input',
      file: P,
      pointer: '/nodes/quote/input/expr',
      needle,
      severity: 'warning',
    })
  })

  it('derives the call-process output schema from the callee (field paths checked)', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/nodes/save/operation/values/total', { expr: 'nodes.quote.sum' })
    })
    await expectRule(files, {
      rule: 'expression.field.unknown',
      file: P,
      pointer: '/nodes/save/operation/values/total/expr',
      needle: 'nodes.quote.sum',
      severity: 'warning',
    })
  })
})

describe('graphs', () => {
  it('[process.graph.entry-unknown]', async () => {
    const files = shopWith(C, (f) => {
      set(f, '/entry', 'start')
    })
    await expectRule(files, { rule: 'process.graph.entry-unknown', file: C, pointer: '/entry', needle: '"entry"' })
  })

  it('[process.edge.unknown-node] and [process.edge.unknown-port]', async () => {
    const files = shopWith(C, (f) => {
      push(f, '/edges', { from: 'ghost', port: 'out', to: 'ret' })
    })
    await expectRule(files, { rule: 'process.edge.unknown-node', file: C, pointer: '/edges/1/from', needle: '"ghost"' })
    const port = shopWith(C, (f) => {
      set(f, '/edges/0/port', 'next')
    })
    const problems = await expectRule(port, {
      rule: 'process.edge.unknown-port',
      file: C,
      pointer: '/edges/0/port',
      needle: '"next"',
    })
    expect(problems.some((p) => p.rule === 'process.graph.port-unconnected')).toBe(true)
    const fromReturn = shopWith(C, (f) => {
      set(f, '/nodes/extra', { kind: 'return', label: 'X', value: { expr: '1' } })
      push(f, '/edges', { from: 'ret', port: 'out', to: 'extra' })
    })
    await expectRule(fromReturn, {
      rule: 'process.edge.unknown-port',
      file: C,
      pointer: '/edges/1/port',
      needle: '"from": "ret"',
      below: 1,
    })
  })

  it('[process.edge.port-reused] one port, two targets', async () => {
    const files = shopWith(C, (f) => {
      set(f, '/nodes/other', { kind: 'return', label: 'Other', value: { expr: '2' } })
      push(f, '/edges', { from: 'sum', port: 'out', to: 'other' })
    })
    await expectRule(files, {
      rule: 'process.edge.port-reused',
      file: C,
      pointer: '/edges/1/port',
      needle: '"port": "out"',
      nth: 2,
    })
  })

  it('[process.graph.cycle] and [process.edge.to-entry]', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/edges/2', { from: 'publish', port: 'out', to: 'quote' })
    })
    await expectRule(files, { rule: 'process.graph.cycle', file: P, pointer: '/nodes/quote', needle: '"quote": {' })
    const entry = shopWith(P, (f) => {
      set(f, '/edges/2', { from: 'publish', port: 'out', to: 'check' })
    })
    await expectRule(entry, { rule: 'process.edge.to-entry', file: P, pointer: '/edges/2/to', needle: '"to": "check"' })
  })

  it('[process.graph.port-unconnected] a path that ends nowhere, catch ports included', async () => {
    const files = shopWith(C, (f) => {
      set(f, '/edges', [])
    })
    await expectRule(files, {
      rule: 'process.graph.port-unconnected',
      file: C,
      pointer: '/nodes/sum',
      needle: '"sum": {',
    })
    const catchPort = shopWith(G, (f) => {
      set(
        f,
        '/edges',
        (get(f, '/edges') as JsonObject[]).filter((e) => e.port !== 'catch-missing'),
      )
    })
    await expectRule(catchPort, {
      rule: 'process.graph.port-unconnected',
      file: G,
      pointer: '/nodes/load/catch/0/port',
      needle: '"port": "catch-missing"',
    })
    const cases = shopWith(P, (f) => {
      set(
        f,
        '/edges',
        (get(f, '/edges') as JsonObject[]).filter((e) => e.port !== 'empty'),
      )
    })
    await expectRule(cases, {
      rule: 'process.graph.port-unconnected',
      file: P,
      pointer: '/nodes/check/cases',
      needle: '"cases"',
    })
  })

  it('[process.graph.unreachable] is a warning', async () => {
    const files = shopWith(C, (f) => {
      set(f, '/nodes/extra', { kind: 'return', label: 'Extra', value: { expr: '1' } })
    })
    const problems = await expectRule(files, {
      rule: 'process.graph.unreachable',
      file: C,
      pointer: '/nodes/extra',
      needle: '"extra"',
      severity: 'warning',
    })
    expect(errorRules(problems)).toEqual([])
  })

  it('[process.condition.duplicate-case]', async () => {
    const files = shopWith(P, (f) => {
      push(f, '/nodes/check/cases', { name: 'empty', when: { expr: 'false' } })
    })
    await expectRule(files, {
      rule: 'process.condition.duplicate-case',
      file: P,
      pointer: '/nodes/check/cases/1/name',
      needle: '"name": "empty"',
      nth: 2,
    })
  })

  it('[process.catch.duplicate-port]', async () => {
    const files = shopWith(G, (f) => {
      push(f, '/nodes/load/catch', { port: 'catch-missing', errors: ['timeout'] })
    })
    await expectRule(files, {
      rule: 'process.catch.duplicate-port',
      file: G,
      pointer: '/nodes/load/catch/1/port',
      needle: '"port": "catch-missing"',
      nth: 2,
    })
  })

  it('[process.graph.duplicate-node-id] ids are unique across for-each bodies', async () => {
    const files = shopWith(F, (f) => {
      set(f, '/nodes/each/body/nodes/done', get(f, '/nodes/each/body/nodes/shipped'))
      del(f, '/nodes/each/body/nodes/shipped')
      set(f, '/nodes/each/body/edges/0/to', 'done')
    })
    await expectRule(files, {
      rule: 'process.graph.duplicate-node-id',
      file: F,
      pointer: '/nodes/each/body/nodes/done',
      needle: '"done": {',
    })
  })

  it('[process.calculation.impure-node] a calculation with a side effect', async () => {
    const files = shopWith(C, (f) => {
      set(f, '/nodes/sum', {
        kind: 'http',
        label: 'Fetch',
        method: 'GET',
        url: 'https://x.example.com',
        responses: [{ status: '200', output: true, schema: true }],
        timeout: '5s',
      })
    })
    await expectRule(files, {
      rule: 'process.calculation.impure-node',
      file: C,
      pointer: '/nodes/sum/kind',
      needle: '"kind": "http"',
    })
  })
})

describe('errors', () => {
  it('[process.fail.undeclared-error]', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/nodes/fail-conflict/error', 'Duplicate')
    })
    await expectRule(files, {
      rule: 'process.fail.undeclared-error',
      file: P,
      pointer: '/nodes/fail-conflict/error',
      needle: '"Duplicate"',
    })
  })

  it('[process.error.never-raised] is a warning', async () => {
    const files = shopWith(C, (f) => {
      set(f, '/outputs/errors/Overflow', { description: 'Too big.', schema: { type: 'object' } })
    })
    await expectRule(files, {
      rule: 'process.error.never-raised',
      file: C,
      pointer: '/outputs/errors/Overflow',
      needle: '"Overflow"',
      severity: 'warning',
    })
  })

  it('[process.error-matcher.impossible] matchers a node kind never produces', async () => {
    const files = shopWith(G, (f) => {
      set(f, '/nodes/load/catch/0/errors', ['status.404'])
    })
    await expectRule(files, {
      rule: 'process.error-matcher.impossible',
      file: G,
      pointer: '/nodes/load/catch/0/errors/0',
      needle: '"status.404"',
      severity: 'warning',
    })
    const callee = shopWith(P, (f) => {
      set(f, '/nodes/quote/retry/0/errors', ['error.Overflow'])
    })
    await expectRule(callee, {
      rule: 'process.error-matcher.impossible',
      file: P,
      pointer: '/nodes/quote/retry/0/errors/0',
      needle: '"error.Overflow"',
      severity: 'warning',
    })
  })
})

describe('expressions in processes', () => {
  it('locates an unknown root at its exact column inside the expression string', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/nodes/done/value/expr', '{ "id": order.id }')
    })
    const problems = await expectRule(files, {
      rule: 'expression.reference.unknown-root',
      file: P,
      pointer: '/nodes/done/value/expr',
      needle: 'order.id',
    })
    const line = (files[P] ?? '').split('\n')[lineOf(files[P], 'order.id') - 1] ?? ''
    const p = problems.find((x) => x.rule === 'expression.reference.unknown-root')
    expect(p?.column).toBe(line.indexOf('order.id') + 1)
  })

  it('counts escapes when locating inside the string', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/nodes/done/value/expr', '"a\\"b" & $now()')
    })
    const { problems } = await validateProject(files, { validateSpecs: false })
    const p = problems.find((x) => x.rule === 'expression.function.forbidden')
    const line = (files[P] ?? '').split('\n')[(p?.line ?? 1) - 1] ?? ''
    expect(p?.column).toBe(line.indexOf('$now') + 1)
  })

  it('[expression.reference.node-not-run] only nodes on every path before, never through a catch port', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/nodes/fail-conflict/details/expr', '{ "id": nodes.save.id }')
    })
    // done (printed first) has the same expression; fail-conflict's is the second occurrence.
    await expectRule(files, {
      rule: 'expression.reference.node-not-run',
      file: P,
      pointer: '/nodes/fail-conflict/details/expr',
      needle: 'nodes.save.id }"',
      nth: 2,
    })
    const sideBranch = shopWith(P, (f) => {
      set(f, '/nodes/fail-invalid/details/expr', 'nodes.quote')
    })
    await expectRule(sideBranch, {
      rule: 'expression.reference.node-not-run',
      file: P,
      pointer: '/nodes/fail-invalid/details/expr',
      needle: '"nodes.quote"',
    })
  })

  it('[expression.reference.item-outside-for-each] and typed items inside', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/nodes/done/value/expr', 'item.sku')
    })
    await expectRule(files, {
      rule: 'expression.reference.item-outside-for-each',
      file: P,
      pointer: '/nodes/done/value/expr',
      needle: '"item.sku"',
    })
    const typed = shopWith(F, (f) => {
      set(f, '/nodes/each/body/nodes/ship/body/expr', '{ "sku": item.skew }')
    })
    await expectRule(typed, {
      rule: 'expression.field.unknown',
      file: F,
      pointer: '/nodes/each/body/nodes/ship/body/expr',
      needle: 'item.skew',
      severity: 'warning',
    })
  })

  it('[expression.reference.node-not-run] explains that for-each body nodes are not visible outside', async () => {
    const files = shopWith(F, (f) => {
      set(f, '/nodes/done/value/expr', 'nodes.ship')
    })
    const problems = await expectRule(files, {
      rule: 'expression.reference.node-not-run',
      file: F,
      pointer: '/nodes/done/value/expr',
      needle: '"nodes.ship"',
    })
    expect(problems.find((p) => p.rule === 'expression.reference.node-not-run')?.message).toContain('for-each each')
  })

  it('[expression.function.forbidden] and [expression.recursion] inside a process', async () => {
    const files = shopWith(C, (f) => {
      set(f, '/nodes/sum/expression/expr', '$f := function($x){ $f($x) }')
    })
    await expectRule(files, {
      rule: 'expression.recursion',
      file: C,
      pointer: '/nodes/sum/expression/expr',
      needle: '$f := function',
    })
  })
})

describe('validateProject', () => {
  it('passes the whole shop clean, specs validated', async () => {
    const { problems } = await validateProject(toFiles(shopProject()))
    expect(problems).toEqual([])
  })

  it('sets elementId from the caller’s map (longest pointer prefix wins)', async () => {
    const files = shopWith(P, (f) => {
      set(f, '/nodes/done/value/expr', 'order.id')
      set(f, '/execution/trigger/api', 'shop')
    })
    const { problems } = await validateProject(files, {
      validateSpecs: false,
      elementIds: { [P]: 'prc_0123456789abcdea', [`${P}#/nodes/done`]: 'prc_0123456789abcdea/done' },
    })
    expect(problems.find((p) => p.rule === 'expression.reference.unknown-root')?.elementId).toBe(
      'prc_0123456789abcdea/done',
    )
    expect(problems.find((p) => p.rule === 'process.trigger.unknown-api')?.elementId).toBe('prc_0123456789abcdea')
  })

  it('sorts problems by file and line and never throws on garbage', async () => {
    const { problems } = await validateProject({
      'backplane.json': '{',
      [P]: 'null',
      [Q]: '[]',
      'apis/x.openapi.yaml': ': :',
    })
    expect(problems.length).toBeGreaterThan(2)
    const keys = problems.map((p) => `${p.file}`)
    expect([...keys].sort()).toEqual(keys)
  })
})

describe('a large project', () => {
  it('of 120 processes (chains of 30 nodes) passes clean', async () => {
    const project = shopProject()
    for (let i = 0; i < 120; i++) {
      const name = `step-${i}`
      const nodes: Record<string, unknown> = {}
      const edges: unknown[] = []
      for (let n = 0; n < 30; n++) {
        const prev = n === 0 ? 'input.x' : `nodes.\`n-${n - 1}\` + 1`
        nodes[`n-${n}`] = { kind: 'compute', label: `N${n}`, expression: { expr: prev }, output: { type: 'number' } }
        if (n > 0) edges.push({ from: `n-${n - 1}`, port: 'out', to: `n-${n}` })
      }
      nodes.end = { kind: 'return', label: 'End', value: { expr: '{ "y": nodes.`n-29` }' } }
      edges.push({ from: 'n-29', port: 'out', to: 'end' })
      project[`processes/${name}.process.json`] = {
        format: 'backplane.process/v1',
        id: `prc_${String(i).padStart(16, 'x')}`,
        name,
        type: 'calculation',
        execution: { model: 'sync', trigger: { kind: 'manual' }, timeout: '5s' },
        description: 'A chain.',
        inputs: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] },
        outputs: { success: { type: 'object', properties: { y: { type: 'number' } } }, errors: {} },
        entry: 'n-0',
        nodes,
        edges,
      }
    }
    const { problems } = await validateProject(toFiles(project), { validateSpecs: false })
    expect(problems).toEqual([])
  })
})
