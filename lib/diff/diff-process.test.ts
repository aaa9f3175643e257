import { describe, expect, it } from 'vitest'
import type { Change } from './change'
import { diffDatabase } from './diff-database'
import { diffProcess } from './diff-process'
import { diffQueue } from './diff-queue'
import { emitterFor } from './emitter'

type Doc = Record<string, unknown>
function run(differ: (b: unknown, a: unknown, emit: ReturnType<typeof emitterFor>) => void, b: Doc, a: Doc) {
  const out: Change[] = []
  differ(b, a, emitterFor(out, { area: 'process', entity: 'x', file: 'x.json' }))
  return out.map((c) => [c.kind, c.element, c.field, c.breaking])
}

const process = (): Doc => ({
  format: 'backplane.process/v1',
  id: 'prc_1',
  name: 'get-order',
  type: 'calculation',
  execution: { model: 'sync', timeout: '10s' },
  entry: 'load',
  nodes: {
    load: { kind: 'compute', label: 'Load', expr: { expr: 'input' } },
    done: { kind: 'return', label: 'Done', value: { expr: 'nodes.load' } },
  },
  edges: [{ from: 'load', port: 'out', to: 'done' }],
})

describe('diffProcess', () => {
  it('reports nothing for equal processes', () => {
    expect(run(diffProcess, process(), process())).toEqual([])
  })

  it('reports declaration fields, one level deeper in execution', () => {
    const after = { ...process(), execution: { model: 'sync', timeout: '30s' }, description: 'Reads an order' }
    expect(run(diffProcess, process(), after)).toEqual([
      ['changed', 'process', 'execution.timeout', undefined],
      ['added', 'process', 'description', undefined],
    ])
  })

  it('reports nodes added, removed and changed field by field, and edges by from/port/to', () => {
    const after = process()
    const nodes = after.nodes as Record<string, Doc>
    nodes.load = { ...nodes.load, label: 'Load order' }
    nodes.log = { kind: 'compute', label: 'Log', expr: { expr: '1' } }
    delete nodes.done
    after.edges = [{ from: 'load', port: 'out', to: 'log' }]
    expect(run(diffProcess, process(), after)).toEqual([
      ['changed', 'node load', 'label', undefined],
      ['added', 'node log', undefined, undefined],
      ['removed', 'node done', undefined, undefined],
      ['added', 'edge load.out → log', undefined, undefined],
      ['removed', 'edge load.out → done', undefined, undefined],
    ])
  })
})

const database = (): Doc => ({
  format: 'backplane.database/v1',
  id: 'db_1',
  name: 'orders-db',
  type: 'sql',
  capabilities: ['crud'],
  tables: {
    orders: {
      columns: { id: { type: 'text', nullable: false }, note: { type: 'text', nullable: true } },
      primaryKey: ['id'],
      indexes: { orders_note_idx: { columns: ['note'], unique: false } },
    },
    items: { columns: { sku: { type: 'text', nullable: false } }, primaryKey: ['sku'] },
  },
})

describe('diffDatabase', () => {
  it('reports tables, columns (field by field), indexes, constraints and declaration fields', () => {
    const after = structuredClone(database())
    const tables = after.tables as Record<string, Record<string, Record<string, unknown>>>
    const orders = tables.orders as Record<string, Record<string, unknown>>
    ;(orders.columns as Record<string, unknown>).note = { type: 'varchar', nullable: true }
    ;(orders.columns as Record<string, unknown>).total = { type: 'bigint', nullable: false }
    delete (orders.columns as Record<string, unknown>).id
    orders.indexes = {}
    orders.constraints = { orders_total_check: { kind: 'check', expression: 'total >= 0' } }
    delete tables.items
    tables.events = { columns: {} }
    after.capabilities = ['crud', 'indexes']
    expect(run(diffDatabase, database(), after)).toEqual([
      ['changed', 'database', 'capabilities', undefined],
      ['changed', 'table orders column note', 'type', undefined],
      ['added', 'table orders column total', undefined, undefined],
      ['removed', 'table orders column id', undefined, undefined],
      ['removed', 'table orders index orders_note_idx', undefined, undefined],
      ['added', 'table orders constraint orders_total_check', undefined, undefined],
      ['added', 'table events', undefined, undefined],
      ['removed', 'table items', undefined, undefined],
    ])
  })
})

describe('diffQueue', () => {
  const queue = (): Doc => ({
    format: 'backplane.queue/v1',
    id: 'que_1',
    name: 'fulfilment',
    message: { type: 'object' },
    producers: ['create-order'],
    consumers: { 'fulfil-order': { concurrency: 4 } },
    retry: { maxAttempts: 5, interval: '30s' },
  })
  it('reports producers, consumers and retry fields', () => {
    const after = {
      ...queue(),
      producers: ['create-order', 'import-orders'],
      consumers: { 'fulfil-order': { concurrency: 8 }, audit: { concurrency: 1 } },
      retry: { maxAttempts: 3, interval: '30s' },
    }
    expect(run(diffQueue, queue(), after)).toEqual([
      ['changed', 'queue', 'retry.maxAttempts', undefined],
      ['added', 'producer import-orders', undefined, undefined],
      ['changed', 'consumer fulfil-order', 'concurrency', undefined],
      ['added', 'consumer audit', undefined, undefined],
    ])
  })
})
