import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseFile, makeBundle, makeProcess, type NodeState } from '../../lib/interpreter'
import { setDatabaseBinding, setPrivateNetworkAllowed } from '../../lib/runtime/secrets'
import { executions, executionTraces } from '../../lib/runtime/tables'
import { INTERPRET_PROCESS, NODE_STATES_QUERY } from '../../server/worker/workflows/workflow-types'
import { type RuntimeHarness, startRuntimeHarness } from './runtime-harness'

let h: RuntimeHarness
let server: Server
let base = ''
let blockUrl = ''
const pin = () => ({ projectId: h.projectId, commitId: 'cmt_test', environment: 'development' })

const ordersDb: DatabaseFile = {
  format: 'backplane.database/v1',
  id: 'db_0000000000000000test',
  name: 'orders-db',
  description: '',
  type: 'sql',
  capabilities: ['crud', 'filtering', 'pagination', 'aggregations', 'transactions'],
  semantics: { reads: 'strong', writes: 'transactional', isolation: 'read-committed' },
  connection: { scope: 'environment', poolSize: 2 },
  tables: {
    orders: {
      columns: {
        id: { type: 'text', nullable: false },
        total: { type: 'numeric', nullable: false },
        status: { type: 'text', nullable: false },
      },
      primaryKey: ['id'],
    },
  },
}

beforeAll(async () => {
  h = await startRuntimeHarness('interpret')
  server = createServer((req, res) => {
    if (req.url?.startsWith('/price/')) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ unit: 12.5 }))
    } else if (req.url === '/wait') {
      setTimeout(() => res.end('late'), 3000)
    } else {
      res.writeHead(503)
      res.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  await setPrivateNetworkAllowed(h.db, { projectId: h.projectId, environment: 'development' }, true)
  const block = await h.blockDatabase('interpret_block')
  blockUrl = block.url
  const sql = postgres(blockUrl, { max: 1, onnotice: () => {} })
  await sql.unsafe('create table orders (id text primary key, total numeric not null, status text not null)')
  await sql.end()
  await setDatabaseBinding(h.db, h.key, { projectId: h.projectId, environment: 'development' }, 'orders-db', blockUrl)
}, 120_000)

afterAll(async () => {
  server?.close()
  await h?.stop()
})

describe('interpretProcess on a real Temporal dev server', () => {
  it('runs pure nodes, an http and a database activity, returns the checked output and writes the trace', async () => {
    const p = makeProcess({
      entry: 'price',
      nodes: {
        price: {
          kind: 'http',
          label: 'price',
          method: 'GET',
          url: `${base}/price/{sku}`,
          params: { sku: { expr: 'input.sku' } },
          responses: [{ status: '200', output: true, schema: { type: 'object', required: ['unit'] } }],
          timeout: '5s',
        },
        total: {
          kind: 'compute',
          label: 'total',
          expression: { expr: 'nodes.price.unit * input.qty' },
          output: { type: 'number' },
        },
        save: {
          kind: 'database',
          label: 'save',
          database: 'orders-db',
          operation: {
            op: 'insert',
            table: 'orders',
            values: { id: { expr: 'input.id' }, total: { expr: 'nodes.total' }, status: { expr: '"new"' } },
          },
          timeout: '5s',
        },
        done: { kind: 'return', label: 'done', value: { expr: '{"id": nodes.save.id, "total": nodes.save.total}' } },
      },
      edges: ['price:out>total', 'total:out>save', 'save:out>done'],
      success: { type: 'object', required: ['id', 'total'] },
    })
    const workflowId = `run_${Date.now()}`
    const handle = await h.env.client.workflow.start(INTERPRET_PROCESS, {
      taskQueue: h.taskQueue,
      workflowId,
      args: [
        {
          bundle: makeBundle(p, { databases: { 'orders-db': ordersDb }, pin: pin() }),
          input: { sku: 'a1', qty: 4, id: 'o1' },
        },
      ],
    })
    expect(await handle.result()).toEqual({ id: 'o1', total: 50 })
    const states = await handle.query<Record<string, NodeState>>(NODE_STATES_QUERY)
    expect(Object.fromEntries(Object.entries(states).map(([k, v]) => [k, v.status]))).toEqual({
      price: 'succeeded',
      total: 'succeeded',
      save: 'succeeded',
      done: 'succeeded',
    })
    const [row] = await h.db.select().from(executions).where(eq(executions.id, workflowId))
    expect(row).toMatchObject({ status: 'succeeded', output: { id: 'o1', total: 50 }, processName: 'test-process' })
    const [trace] = await h.db.select().from(executionTraces).where(eq(executionTraces.executionId, workflowId))
    expect((trace?.nodes as Record<string, NodeState> | undefined)?.save?.input).toMatchObject({ op: 'insert' })
  })
})
