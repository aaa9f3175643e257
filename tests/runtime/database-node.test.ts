import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type DatabaseFile,
  type DatabaseNode,
  type DbOperation,
  makeBundle,
  makeProcess,
  type Node,
} from '../../lib/interpreter'
import { setDatabaseBinding } from '../../lib/runtime/secrets'
import { INTERPRET_PROCESS } from '../../server/worker/workflows/workflow-types'
import { type RuntimeHarness, startRuntimeHarness } from './runtime-harness'

let h: RuntimeHarness
let sql: postgres.Sql

const block: DatabaseFile = {
  format: 'backplane.database/v1',
  id: 'db_0000000000000000test',
  name: 'shop-db',
  description: '',
  type: 'sql',
  capabilities: ['aggregations', 'constraints', 'crud', 'filtering', 'pagination', 'transactions'],
  semantics: { reads: 'strong', writes: 'transactional', isolation: 'serializable' },
  connection: { scope: 'environment', poolSize: 2 },
  tables: {
    items: {
      columns: {
        sku: { type: 'text', nullable: false },
        category: { type: 'text', nullable: false },
        price: { type: 'numeric', nullable: false },
        stock: { type: 'integer', nullable: false },
        tags: { type: 'jsonb', nullable: true },
      },
      primaryKey: ['sku'],
    },
  },
}

beforeAll(async () => {
  h = await startRuntimeHarness('dbnode')
  const b = await h.blockDatabase('dbnode_block')
  sql = postgres(b.url, { max: 1, onnotice: () => {} })
  await sql.unsafe(
    'create table items (sku text primary key, category text not null, price numeric not null, stock integer not null, tags jsonb)',
  )
  await setDatabaseBinding(h.db, h.key, { projectId: h.projectId, environment: 'development' }, 'shop-db', b.url)
}, 120_000)

afterAll(async () => {
  await sql?.end()
  await h?.stop()
})

const e = (expr: string) => ({ expr })
function node(operation: DbOperation, extra: Partial<DatabaseNode> = {}): DatabaseNode {
  return { kind: 'database', label: operation.op, database: 'shop-db', operation, timeout: '5s', ...extra }
}

/** Runs nodes chained in `order` through their `out` ports, or wired by explicit `edges`. */
async function run(
  nodes: Record<string, Node>,
  order: string[],
  edges: string[] = order.slice(1).map((id, i) => `${order[i]}:out>${id}`),
): Promise<unknown> {
  const p = makeProcess({ entry: order[0] as string, nodes, edges })
  const bundle = makeBundle(p, {
    databases: { 'shop-db': block },
    pin: { projectId: h.projectId, commitId: 'cmt_db', environment: 'development' },
  })
  return h.env.client.workflow.execute(INTERPRET_PROCESS, {
    taskQueue: h.taskQueue,
    workflowId: `run_db_${Date.now()}_${Math.random().toString(36).slice(2)}`,
    args: [{ bundle, input: {} }],
  })
}

describe('database node operations on a real PostgreSQL', () => {
  it('transaction of inserts and an upsert, then find with filter/sort/pagination, aggregate, update, delete, get', async () => {
    const out = await run(
      {
        seed: node({
          op: 'transaction',
          steps: [
            {
              name: 'a',
              operation: {
                op: 'insert',
                table: 'items',
                values: { sku: e('"a"'), category: e('"tools"'), price: e('10.5'), stock: e('3'), tags: e('["x"]') },
              },
            },
            {
              name: 'b',
              operation: {
                op: 'insert',
                table: 'items',
                values: { sku: e('"b"'), category: e('"tools"'), price: e('4'), stock: e('0') },
              },
            },
            {
              name: 'c',
              operation: {
                op: 'insert',
                table: 'items',
                values: { sku: e('"c"'), category: e('"toys"'), price: e('7'), stock: e('9') },
              },
            },
            {
              name: 'bump',
              operation: {
                op: 'upsert',
                table: 'items',
                values: { sku: e('"c"'), category: e('"toys"'), price: e('8'), stock: e('9') },
                conflict: ['sku'],
              },
            },
          ],
        }),
        page: node({
          op: 'find',
          table: 'items',
          select: ['sku', 'price'],
          filter: [
            { column: 'category', op: 'in', value: e('["tools", "toys"]') },
            { column: 'stock', op: 'gte', value: e('0') },
          ],
          orderBy: [{ column: 'price', direction: 'desc' }],
          limit: e('2'),
          offset: e('0'),
        }),
        totals: node({
          op: 'aggregate',
          table: 'items',
          groupBy: ['category'],
          aggregates: { n: { fn: 'count' }, value: { fn: 'sum', column: 'price' } },
        }),
        restock: node({
          op: 'update',
          table: 'items',
          filter: [{ column: 'stock', op: 'eq', value: e('0') }],
          set: { stock: e('5') },
        }),
        drop: node({ op: 'delete', table: 'items', filter: [{ column: 'category', op: 'eq', value: e('"toys"') }] }),
        one: node({ op: 'get', table: 'items', key: { sku: e('"a"') } }),
        done: {
          kind: 'return',
          label: 'done',
          value: e(
            '{"seed": nodes.seed, "page": nodes.page, "totals": nodes.totals, "restock": nodes.restock, "drop": nodes.drop, "one": nodes.one}',
          ),
        },
      },
      ['seed', 'page', 'totals', 'restock', 'drop', 'one', 'done'],
    )
    expect(out).toMatchObject({
      seed: { a: { sku: 'a', price: 10.5, tags: ['x'] }, bump: { sku: 'c', price: 8 } },
      page: [
        { sku: 'a', price: 10.5 },
        { sku: 'c', price: 8 },
      ],
      restock: [{ sku: 'b', stock: 5 }],
      drop: { deleted: 1 },
      one: { sku: 'a', category: 'tools', stock: 3 },
    })
    const totals = (out as { totals: { category: string; n: number; value: number }[] }).totals.sort((x, y) =>
      x.category.localeCompare(y.category),
    )
    expect(totals).toEqual([
      { category: 'tools', n: 2, value: 14.5 },
      { category: 'toys', n: 1, value: 8 },
    ])
  })

  it('typed failures: get of a missing key is not-found, a duplicate insert is conflict, both catchable', async () => {
    const out = await run(
      {
        missing: node(
          { op: 'get', table: 'items', key: { sku: e('"nope"') } },
          { catch: [{ port: 'catch-missing', errors: ['not-found'] }] },
        ),
        dup: node(
          { op: 'insert', table: 'items', values: { sku: e('"a"'), category: e('"x"'), price: e('1'), stock: e('1') } },
          { catch: [{ port: 'catch-dup', errors: ['conflict'] }] },
        ),
        done: { kind: 'return', label: 'done', value: e('[nodes.missing.error.name, nodes.dup.error.name]') },
      },
      ['missing'],
      ['missing:catch-missing>dup', 'dup:catch-dup>done'],
    )
    expect(out).toEqual(['not-found', 'conflict'])
    expect((await sql`select count(*)::int as n from items where sku = 'a'`)[0]?.n).toBe(1)
  })
})
