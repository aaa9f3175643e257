import { randomBytes } from 'node:crypto'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commitFiles, commits, createDb, type Db } from '../../lib/db'
import { applyFiles } from '../../lib/doc'
import { blockDatabaseName, draftSnapshots } from '../../lib/runtime'
import { withLiveDocument } from '../../server/collab-client'
import { shopFiles as exampleShopFiles } from '../doc/shop-files'
import { startWebStack, type WebStack } from '../harness/web-stack'

// Issue 5 "Running from the product", through real HTTP: the real web process (next start), collab server,
// PostgreSQL, Temporal dev server and worker (tests/harness/web-stack.ts with { runtime: true }). Nothing mocked
// but the shop's warehouse, a local HTTP server standing in for warehouse.example.com.

const password = 'correct horse battery'

let stack: WebStack
let db: Db
let closeDb: () => Promise<void>
let warehouseServer: Server
let warehouseBase = ''
const warehouse = {
  token: `tok-${randomBytes(8).toString('hex')}`,
  hits: [] as { path: string; auth: string | undefined; key: string }[],
  /** Requests with these Idempotency-Keys (order ids) get no answer until the test ends. */
  hold: new Set<string>(),
  held: [] as ServerResponse[],
}

type Json = Record<string, unknown>

// ---------- the shop example as this test runs it ----------

function edit(files: Record<string, string>, path: string, change: (value: Json) => void): Record<string, string> {
  const value = JSON.parse(files[path] ?? '{}') as Json
  change(value)
  return { ...files, [path]: `${JSON.stringify(value, null, 2)}\n` }
}

const fastRetry = { maxAttempts: 2, interval: '100ms', backoffRate: 1, maxDelay: '200ms', jitter: 'none' }

/**
 * The shop example with its warehouse at `url` (the local fake) and retries of 100 ms instead of seconds, so a
 * failing delivery reaches the dead-letter store in about a second.
 */
function shopFiles(url: string): Record<string, string> {
  const files = edit(exampleShopFiles(), 'processes/fulfil-order.process.json', (p) => {
    const ship = (p.nodes as Record<string, Json>).ship as Json
    ship.url = url
    ship.retry = [{ ...fastRetry, errors: ['network', 'status.5xx', 'timeout'] }]
  })
  return edit(files, 'infra/queues/fulfilment.queue.json', (q) => {
    q.retry = fastRetry
  })
}

const processFile = (value: Json) => `${JSON.stringify(value, null, 2)}\n`

/** A pure process that only the working copy has (never committed). */
const helloProcess = {
  format: 'backplane.process/v1',
  id: 'prc_hellohellohellohello1',
  name: 'hello',
  type: 'background-job',
  execution: { model: 'async', trigger: { kind: 'manual' }, timeout: '1m' },
  description: 'Greets: only in the working copy.',
  inputs: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
  outputs: {
    success: { type: 'object', required: ['greeting'], properties: { greeting: { type: 'string' } } },
    errors: {},
  },
  entry: 'greet',
  nodes: { greet: { kind: 'return', label: 'Greet', value: { expr: '{"greeting": "hello " & input.name}' } } },
  edges: [],
}

/** A kv block (validated, not executable in v1) and, with `used`, a process whose database node reads it. */
function withKvBlock(files: Record<string, string>, used: boolean): Record<string, string> {
  const out: Record<string, string> = {
    ...files,
    'infra/databases/sessions.database.json': processFile({
      format: 'backplane.database/v1',
      id: 'db_sessionssessionssess1',
      name: 'sessions',
      description: 'Sessions by id.',
      type: 'kv',
      capabilities: ['crud'],
      semantics: { reads: 'eventual', writes: 'single-row', isolation: 'read-committed' },
      connection: { scope: 'environment', poolSize: 2 },
      collections: { sessions: { type: 'object', properties: { user: { type: 'string' } } } },
    }),
  }
  if (!used) return out
  out['processes/touch-session.process.json'] = processFile({
    ...helloProcess,
    id: 'prc_touchtouchtouchtouch1',
    name: 'touch-session',
    description: 'Reads a session.',
    inputs: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
    outputs: { success: { type: 'object' }, errors: {} },
    entry: 'read',
    nodes: {
      read: {
        kind: 'database',
        label: 'Read session',
        database: 'sessions',
        operation: { op: 'get', table: 'sessions', key: { id: { expr: 'input.id' } } },
        timeout: '5s',
      },
      done: { kind: 'return', label: 'Done', value: { expr: 'nodes.read' } },
    },
    edges: [{ from: 'read', port: 'out', to: 'done' }],
  })
  return out
}

// ---------- HTTP helpers ----------

type Session = { email: string; cookie: string }

async function call(
  session: Session | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json; text: string }> {
  const headers: Record<string, string> = {}
  if (session) headers.cookie = session.cookie
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await response.text()
  let json: Json = {}
  try {
    json = text ? (JSON.parse(text) as Json) : {}
  } catch {
    json = { raw: text }
  }
  return { status: response.status, json, text }
}

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter(Boolean)

/** Signs up through the API, then signs in through next-auth's credentials callback, as the sign-in form does. */
async function signUp(tag: string): Promise<Session> {
  const email = `${tag}-${randomBytes(4).toString('hex')}@example.com`
  const created = await call(null, 'POST', '/api/v1/signup', { email, name: tag, password })
  expect(created.status).toBe(201)
  const csrf = await fetch(`${stack.baseUrl}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const signIn = await fetch(`${stack.baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  })
  const session = cookiesOf(signIn).find((c) => c.startsWith('next-auth.session-token='))
  if (!session) throw new Error(`sign-in gave no session cookie (${signIn.status})`)
  return { email, cookie: session }
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 300))
  }
}

// ---------- the journey ----------

let owner: Session
let viewer: Session
let projectId = ''
let base: Record<string, string> = {}
const p = (path: string) => `/api/v1/projects/${projectId}${path}`

/** Replaces the live working copy through the collab server, as an editor's changes arrive. */
async function editWorkingCopy(files: Record<string, string>): Promise<void> {
  await withLiveDocument({ collabUrl: stack.collabUrl, projectId, secret: stack.secret }, (doc) => {
    applyFiles(doc, files)
  })
}

async function commitWorkingCopy(message: string): Promise<string> {
  const committed = await call(owner, 'POST', p('/commits'), { message })
  expect(committed.status).toBe(201)
  return (committed.json.commit as { id: string }).id
}

async function deployCommit(commitId: string): Promise<Json> {
  const deployed = await call(owner, 'POST', p('/deployments'), { commitId, environment: 'development' })
  expect(deployed.status).toBe(201)
  return deployed.json.deployment as Json
}

const order = (key: string) => ({
  customerId: 'cus_1',
  currency: 'EUR',
  idempotencyKey: key,
  items: [
    { sku: 'mug', quantity: 2, unitPriceCents: 1250 },
    { sku: 'tee', quantity: 1, unitPriceCents: 2000 },
  ],
})

async function blockSql<T>(query: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const runtime = stack.runtime
  if (!runtime) throw new Error('no runtime')
  const url = new URL(runtime.provisionUrl)
  url.pathname = `/${blockDatabaseName({ projectId, environment: 'development' }, 'orders-db', runtime.provisionTag)}`
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} })
  try {
    return await query(sql)
  } finally {
    await sql.end()
  }
}

const hasNoteColumn = () =>
  blockSql(
    async (sql) =>
      (await sql`select 1 from information_schema.columns where table_name = 'orders' and column_name = 'note'`)
        .length === 1,
  )

const orderStatus = (id: string) =>
  blockSql(async (sql) => (await sql<{ status: string }[]>`select status from orders where id = ${id}`)[0]?.status)

beforeAll(async () => {
  warehouseServer = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '')
      warehouse.hits.push({ path: req.url ?? '', auth: req.headers.authorization, key })
      if (warehouse.hold.has(key)) {
        warehouse.held.push(res)
        return
      }
      if (req.url === '/v1/shipments' && req.headers.authorization === warehouse.token) {
        res.writeHead(201, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ shipmentId: `shp_${key}` }))
        return
      }
      res.writeHead(req.url === '/v1/shipments' ? 401 : 500, { 'content-type': 'application/json' })
      res.end('{"error":"no"}')
    })
  })
  await new Promise<void>((done) => warehouseServer.listen(0, '127.0.0.1', done))
  warehouseBase = `http://127.0.0.1:${(warehouseServer.address() as AddressInfo).port}`
  stack = await startWebStack('runtime_api', { runtime: true })
  const connection = createDb(stack.databaseUrl, { max: 2 })
  db = connection.db
  closeDb = connection.close
}, 600_000)

afterAll(async () => {
  for (const res of warehouse.held) res.destroy()
  warehouseServer?.close()
  await closeDb?.()
  await stack?.stop()
})

describe('runtime HTTP API on the real stack', () => {
  it('imports the shop example and commits it; environments list secrets by name only', async () => {
    owner = await signUp('owner')
    viewer = await signUp('viewer')
    base = shopFiles(`${warehouseBase}/v1/shipments`)
    const form = new FormData()
    for (const [path, text] of Object.entries(base)) {
      form.append('files', new File([text], path))
      form.append('paths', path)
    }
    const imported = await fetch(`${stack.baseUrl}/api/v1/projects/import`, {
      method: 'POST',
      headers: { cookie: owner.cookie },
      body: form,
    })
    expect(imported.status).toBe(201)
    projectId = ((await imported.json()) as { project: { id: string } }).project.id
    expect((await call(owner, 'POST', p('/members'), { email: viewer.email, role: 'viewer' })).status).toBe(201)

    // The warehouse is on loopback: allowed for development only, by an owner.
    expect((await call(viewer, 'PATCH', p('/environments/development'), { allowPrivateNetwork: true })).status).toBe(
      403,
    )
    const patched = await call(owner, 'PATCH', p('/environments/development'), { allowPrivateNetwork: true })
    expect(patched.json).toEqual({ environment: { name: 'development', allowPrivateNetwork: true } })
    expect(
      (await call(viewer, 'PUT', p('/environments/development/secrets/WAREHOUSE_TOKEN'), { value: 'x' })).status,
    ).toBe(403)
    const secret = await call(owner, 'PUT', p('/environments/development/secrets/WAREHOUSE_TOKEN'), {
      value: warehouse.token,
    })
    expect(secret.status).toBe(204)
    const badName = await call(owner, 'PUT', p('/environments/development/secrets/not-a-name'), { value: 'x' })
    expect(badName.status).toBe(400)

    const other = p('/environments/development/secrets/OTHER_TOKEN')
    expect((await call(owner, 'PUT', other, { value: 'gone soon' })).status).toBe(204)
    expect((await call(viewer, 'DELETE', other)).status).toBe(403)
    expect((await call(owner, 'DELETE', other)).status).toBe(204)
    // A binding of production's orders-db to a database of its own (URL write-only, never listed).
    const productionUrl = `${stack.runtime?.provisionUrl.replace(/\/[^/]*$/, '')}/runtime_api_production_${projectId.toLowerCase()}`
    const bound = await call(owner, 'PUT', p('/environments/production/bindings/orders-db'), { url: productionUrl })
    expect(bound.status).toBe(204)

    const listed = await call(viewer, 'GET', p('/environments'))
    expect(listed.status).toBe(200)
    const environments = listed.json.environments as Json[]
    expect(environments.map((e) => e.name)).toEqual(['development', 'production'])
    expect(environments[0]).toMatchObject({
      allowPrivateNetwork: true,
      activeDeployment: null,
      secrets: [{ name: 'WAREHOUSE_TOKEN' }],
    })
    expect(environments[1]).toMatchObject({
      name: 'production',
      allowPrivateNetwork: false,
      secrets: [],
      bindings: [{ database: 'orders-db', managed: false }],
    })
    expect(listed.text).not.toContain(warehouse.token)
    expect(listed.text).not.toContain(productionUrl)
    expect(listed.text).not.toContain('gone soon')
  })

  it('refuses a viewer run and deploy (403), shows the migration in a dry run, then deploys to development', async () => {
    const v1 = await commitWorkingCopy('the shop')
    expect((await call(viewer, 'POST', p('/deployments'), { commitId: v1 })).status).toBe(403)
    expect((await call(viewer, 'POST', p('/processes/create-order/run'), order('v'))).status).toBe(403)
    // An editor deploys and runs in development; production and every environment setting are the owners'.
    const editor = await signUp('editor')
    expect((await call(owner, 'POST', p('/members'), { email: editor.email, role: 'editor' })).status).toBe(201)
    expect((await call(editor, 'POST', p('/deployments'), { commitId: v1, dryRun: true })).status).toBe(200)
    const toProduction = { commitId: v1, environment: 'production', dryRun: true }
    expect((await call(editor, 'POST', p('/deployments'), toProduction)).status).toBe(403)
    expect((await call(editor, 'POST', p('/processes/create-order/start?environment=production'), {})).status).toBe(403)
    const editorSecret = await call(editor, 'PUT', p('/environments/development/secrets/OTHER'), { value: 'x' })
    expect(editorSecret.status).toBe(403)
    const editorBinding = await call(editor, 'PUT', p('/environments/development/bindings/orders-db'), {
      url: 'postgres://elsewhere/orders',
    })
    expect(editorBinding.status).toBe(403)
    const badBinding = await call(owner, 'PUT', p('/environments/production/bindings/orders-db'), {
      url: 'mysql://x/y',
    })
    expect(badBinding.json.error).toMatchObject({ code: 'invalid-request' })

    const dry = await call(owner, 'POST', p('/deployments'), { commitId: v1, dryRun: true })
    expect(dry.status).toBe(200)
    const preview = dry.json.deployment as {
      id: null
      applied: boolean
      migration: { database: string; steps: { sql: string; destructive: boolean }[] }[]
      notes: { block: string; kind: string }[]
    }
    expect(preview).toMatchObject({ id: null, applied: false })
    expect(preview.migration.map((m) => m.database)).toEqual(['orders-db'])
    const steps = preview.migration[0]?.steps ?? []
    expect(steps.map((s) => s.sql).filter((s) => s.startsWith('create table'))).toHaveLength(3)
    expect(steps.every((s) => !s.destructive)).toBe(true)
    // The API specs are validated, not served: the deployment says so.
    expect(preview.notes.map((n) => [n.block, n.kind])).toEqual([
      ['apis/order-events.asyncapi.yaml', 'not-executable'],
      ['apis/orders.openapi.yaml', 'not-executable'],
    ])
    // A dry run changes nothing: no deployment, no binding yet.
    expect(((await call(owner, 'GET', p('/deployments'))).json.deployments as unknown[]).length).toBe(0)

    const deployment = await deployCommit(v1)
    expect(deployment).toMatchObject({ environment: 'development', commitId: v1, applied: true })
    expect(deployment.migration).toEqual(preview.migration)
    expect(deployment.schedules).toEqual([`schedule/${projectId}/development/nightly-report`])
    const tables = await blockSql(
      (sql) =>
        sql<{ table_name: string }[]>`select table_name from information_schema.tables where table_schema = 'public'
        and table_name not like '\\_backplane%' order by table_name`,
    )
    expect(tables.map((t) => t.table_name)).toEqual(['order_items', 'order_status_history', 'orders'])

    const environments = (await call(viewer, 'GET', p('/environments'))).json.environments as Json[]
    expect(environments[0]).toMatchObject({
      activeDeployment: { id: deployment.id, commitId: v1 },
      bindings: [{ database: 'orders-db', managed: true }],
    })
    const listedText = (await call(viewer, 'GET', p('/environments'))).text
    expect(listedText).not.toMatch(/postgres(ql)?:\/\//)
  })

  it('places an order with the run endpoint: output, rows in the block database, the consumer ships it', async () => {
    const placed = await call(owner, 'POST', p('/processes/create-order/run?timeoutMs=60000'), order('first'))
    expect(placed.status).toBe(200)
    const execution = placed.json.execution as { id: string; status: string; output: Json }
    expect(execution.status).toBe('succeeded')
    expect(execution.output).toMatchObject({
      id: `ord_${execution.id}`,
      status: 'pending',
      currency: 'EUR',
      totalCents: 4500,
    })
    const orderId = `ord_${execution.id}`
    const items = await blockSql(
      (sql) => sql<{ sku: string }[]>`select sku from order_items where order_id = ${orderId} order by sku`,
    )
    expect(items.map((i) => i.sku)).toEqual(['mug', 'tee'])
    // The queue delivers it to fulfil-order, which calls the warehouse with the decrypted secret.
    expect(
      await eventually('the order shipped', async () =>
        (await orderStatus(orderId)) === 'fulfilling' ? true : undefined,
      ),
    ).toBe(true)
    expect(warehouse.hits).toContainEqual({ path: '/v1/shipments', auth: warehouse.token, key: orderId })

    // A script places one with an API token (no cookie): the token acts as its owner.
    const created = await call(owner, 'POST', '/api/v1/account/api-tokens', { name: 'shop script', expiresInDays: 1 })
    expect(created.status).toBe(201)
    const byScript = await fetch(`${stack.baseUrl}${p('/processes/create-order/run?timeoutMs=60000')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.json.token as string}`, 'content-type': 'application/json' },
      body: JSON.stringify(order('script')),
    })
    expect(byScript.status).toBe(200)
    expect(((await byScript.json()) as { execution: { status: string } }).execution.status).toBe('succeeded')

    // A declared error is a 200 with the run's error; a bad input a 400 naming the mismatch.
    const empty = await call(owner, 'POST', p('/processes/create-order/run'), { ...order('empty'), items: [] })
    expect(empty.status).toBe(200)
    expect(empty.json.execution).toMatchObject({ status: 'failed', error: { name: 'EmptyOrder', declared: true } })
    const bad = await call(owner, 'POST', p('/processes/create-order/run'), { ...order('bad'), currency: 'JPY' })
    expect(bad.status).toBe(400)
    expect(bad.json.error).toMatchObject({ code: 'invalid-input' })
    expect((bad.json.error as { message: string }).message).toMatch(/create-order.*currency|currency.*create-order/s)
    const notJson = await fetch(`${stack.baseUrl}${p('/processes/create-order/run')}`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'application/json' },
      body: '{ nope',
    })
    expect(notJson.status).toBe(400)
    const unknown = await call(owner, 'POST', p('/processes/no-such-process/run'), {})
    expect(unknown.status).toBe(404)
    const production = await call(owner, 'POST', p('/processes/create-order/run?environment=production'), order('p'))
    expect(production.status).toBe(409)
    expect(production.json.error).toMatchObject({ code: 'not-deployed' })
  })

  it('starts a run, reads it with its node states, lists executions with filters', async () => {
    const started = await call(owner, 'POST', p('/processes/create-order/start'), order('second'))
    expect(started.status).toBe(202)
    const { id } = started.json.execution as { id: string; status: string }
    expect(started.json.execution).toMatchObject({ status: 'running' })
    const done = await eventually('the run to end', async () => {
      const got = await call(viewer, 'GET', p(`/executions/${id}`))
      expect(got.status).toBe(200)
      const execution = got.json.execution as Json
      return execution.status === 'running' ? undefined : execution
    })
    expect(done).toMatchObject({ id, status: 'succeeded', processName: 'create-order', environment: 'development' })
    const nodes = done.nodes as Record<string, { status: string; attempts: number }>
    expect(nodes.save).toMatchObject({ status: 'succeeded', attempts: 1 })
    expect(nodes.publish).toMatchObject({ status: 'succeeded' })
    expect(nodes.reject?.status).toBe('skipped')
    expect(typeof done.durationMs).toBe('number')

    const createOrderId = done.processId as string
    const all = await call(viewer, 'GET', p(`/executions?processId=${createOrderId}&environment=development`))
    const listed = all.json.executions as { id: string; status: string; processId: string; draft: boolean }[]
    expect(listed.map((e) => e.id)).toContain(id)
    expect(listed.every((e) => e.processId === createOrderId && e.draft === false)).toBe(true)
    const failed = (await call(viewer, 'GET', p('/executions?status=failed'))).json.executions as Json[]
    expect(failed.map((e) => e.processName)).toEqual(['create-order'])
    expect(failed[0]?.error).toMatchObject({ name: 'EmptyOrder' })
    const newest = (await call(viewer, 'GET', p('/executions?limit=1'))).json.executions as Json[]
    expect(newest).toHaveLength(1)
    const older = (
      await call(viewer, 'GET', p(`/executions?before=${encodeURIComponent(String(newest[0]?.startedAt))}`))
    ).json.executions as Json[]
    expect(older.map((e) => e.id)).not.toContain(newest[0]?.id)
    expect((await call(viewer, 'GET', p('/executions?status=nope'))).status).toBe(400)
    expect((await call(viewer, 'GET', p('/executions/run_unknown'))).status).toBe(404)
  })

  it('cancels a running execution (the run endpoint answers 202 while it runs)', async () => {
    const placed = await call(owner, 'POST', p('/processes/create-order/run'), order('held'))
    const orderId = (placed.json.execution as { output: { id: string } }).output.id
    await eventually('the delivery to finish', async () =>
      (await orderStatus(orderId)) === 'fulfilling' ? true : undefined,
    )
    warehouse.hold.add(orderId)
    const running = await call(owner, 'POST', p('/processes/fulfil-order/run?timeoutMs=1000'), { orderId })
    expect(running.status).toBe(202)
    const { id } = running.json.execution as { id: string }
    expect(running.json.execution).toEqual({ id, status: 'running' })
    // Live node states (workflow query): the warehouse call is running.
    await eventually('the ship node running', async () => {
      const nodes = ((await call(viewer, 'GET', p(`/executions/${id}`))).json.execution as Json).nodes as Record<
        string,
        { status: string }
      >
      return nodes.ship?.status === 'running' ? true : undefined
    })
    expect((await call(viewer, 'POST', p(`/executions/${id}/cancel`))).status).toBe(403)
    const cancelled = await call(owner, 'POST', p(`/executions/${id}/cancel`))
    expect(cancelled.status).toBe(202)
    const ended = await eventually('the cancelled run', async () => {
      const execution = (await call(viewer, 'GET', p(`/executions/${id}`))).json.execution as Json
      return execution.status === 'running' ? undefined : execution
    })
    expect(ended.status).toBe('cancelled')
    const again = await call(owner, 'POST', p(`/executions/${id}/cancel`))
    expect(again.status).toBe(409)
    expect(again.json.error).toMatchObject({ code: 'not-running' })
    warehouse.hold.delete(orderId)
  })

  it('a broken consumer dead-letters the message; fixed and redeployed, the replay delivers it', async () => {
    await editWorkingCopy(
      edit(base, 'processes/fulfil-order.process.json', (p) => {
        ;((p.nodes as Record<string, Json>).ship as Json).url = `${warehouseBase}/broken`
      }),
    )
    const broken = await commitWorkingCopy('break the warehouse call')
    await deployCommit(broken)
    const placed = await call(owner, 'POST', p('/processes/create-order/run'), order('broken'))
    expect(placed.json.execution).toMatchObject({ status: 'succeeded' })
    const orderId = (placed.json.execution as { output: { id: string } }).output.id
    const letter = await eventually('the dead letter', async () => {
      const listed = await call(viewer, 'GET', p('/dead-letters?environment=development&queue=fulfilment&status=dead'))
      return (listed.json.deadLetters as Json[]).find((l) => (l.message as Json).orderId === orderId)
    })
    expect(letter).toMatchObject({ consumer: 'fulfil-order', commitId: broken, status: 'dead' })
    expect(letter.lastError).toMatchObject({ name: 'status.500' })
    expect(letter.attempts as unknown[]).toHaveLength(2)
    expect(await orderStatus(orderId)).toBe('pending')
    const byConsumer = await call(viewer, 'GET', p('/dead-letters?consumer=someone-else'))
    expect(byConsumer.json.deadLetters).toEqual([])

    await editWorkingCopy(base)
    const fixed = await commitWorkingCopy('fix the warehouse call')
    await deployCommit(fixed)
    expect((await call(viewer, 'POST', p('/dead-letters/replay'), { ids: [letter.id] })).status).toBe(403)
    expect((await call(owner, 'POST', p('/dead-letters/replay'), { ids: 'x' })).status).toBe(400)
    const replayed = await call(owner, 'POST', p('/dead-letters/replay'), { ids: [letter.id] })
    expect(replayed.status).toBe(202)
    expect(replayed.json.replayed).toEqual([expect.objectContaining({ id: letter.id, commitId: fixed })])
    expect(
      await eventually('the replayed order shipped', async () =>
        (await orderStatus(orderId)) === 'fulfilling' ? true : undefined,
      ),
    ).toBe(true)
    const after = (await call(viewer, 'GET', p('/dead-letters?status=replayed'))).json.deadLetters as Json[]
    expect(after).toContainEqual(expect.objectContaining({ id: letter.id, status: 'replayed', replayCommitId: fixed }))

    const deployments = (await call(viewer, 'GET', p('/deployments?environment=development'))).json
      .deployments as Json[]
    expect(deployments.map((d) => [d.commitId, d.status])).toEqual([
      [fixed, 'active'],
      [broken, 'superseded'],
      [expect.any(String), 'superseded'],
    ])
  })

  it('a test run (draft=working-copy) runs the uncommitted working copy and never enters history', async () => {
    await editWorkingCopy({ ...base, 'processes/hello.process.json': processFile(helloProcess) })
    const before = (await call(viewer, 'GET', p('/commits'))).json.commits as Json[]
    // hello is not deployed: only the working copy knows it.
    expect((await call(owner, 'POST', p('/processes/hello/start'), { name: 'Ada' })).status).toBe(404)
    expect(
      (await call(owner, 'POST', p('/processes/hello/start?draft=working-copy&environment=production'), {})).status,
    ).toBe(400)
    expect((await call(viewer, 'POST', p('/processes/hello/start?draft=working-copy'), { name: 'Ada' })).status).toBe(
      403,
    )

    // A refused test run (unknown process, input not matching) stores no draft.
    const snapshotsBefore = (await db.select().from(draftSnapshots)).length
    expect((await call(owner, 'POST', p('/processes/nope/start?draft=working-copy'), {})).status).toBe(404)
    const mismatch = await call(owner, 'POST', p('/processes/hello/start?draft=working-copy'), { name: 7 })
    expect(mismatch.status).toBe(400)
    expect((mismatch.json.error as { message: string }).message).toMatch(/hello/)
    expect((await db.select().from(draftSnapshots)).length).toBe(snapshotsBefore)

    const started = await call(owner, 'POST', p('/processes/hello/start?draft=working-copy'), { name: 'Ada' })
    expect(started.status).toBe(202)
    const execution = started.json.execution as { id: string; draft: { snapshotId: string } }
    const snapshotId = execution.draft.snapshotId
    expect(snapshotId).toMatch(/^drf_/)
    const done = await eventually('the test run', async () => {
      const got = (await call(viewer, 'GET', p(`/executions/${execution.id}`))).json.execution as Json
      return got.status === 'running' ? undefined : got
    })
    expect(done).toMatchObject({
      status: 'succeeded',
      output: { greeting: 'hello Ada' },
      draft: true,
      commitId: snapshotId,
      environment: 'development',
    })
    const waited = await call(owner, 'POST', p('/processes/hello/run?draft=working-copy'), { name: 'Bob' })
    expect(waited.json.execution).toMatchObject({ status: 'succeeded', output: { greeting: 'hello Bob' } })

    // Stored like a commit (content-addressed), but not one: history, head and diff do not see it.
    const [snapshot] = await db.select().from(draftSnapshots).where(eq(draftSnapshots.id, snapshotId))
    expect(snapshot?.projectId).toBe(projectId)
    expect(await db.select().from(commits).where(eq(commits.id, snapshotId))).toEqual([])
    expect(await db.select().from(commitFiles).where(eq(commitFiles.commitId, snapshotId))).toEqual([])
    const after = (await call(viewer, 'GET', p('/commits'))).json.commits as Json[]
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id))
    const diff = await call(viewer, 'GET', p('/diff'))
    expect(diff.text).toContain('hello')

    // A working copy that does not validate is refused with located problems.
    await editWorkingCopy({
      ...base,
      'processes/hello.process.json': processFile({
        ...helloProcess,
        edges: [{ from: 'greet', port: 'out', to: 'nowhere' }],
      }),
    })
    const invalid = await call(owner, 'POST', p('/processes/hello/start?draft=working-copy'), { name: 'Ada' })
    expect(invalid.status).toBe(422)
    expect(invalid.json.error).toMatchObject({ code: 'invalid-design' })
    expect((invalid.json.error as { problems: Json[] }).problems).toContainEqual(
      expect.objectContaining({ file: 'processes/hello.process.json', pointer: '/edges/0/to' }),
    )
  })

  it('refuses an undeployable commit with located problems; a kv block deploys with a note that it does not run', async () => {
    await editWorkingCopy(withKvBlock(base, true))
    const undeployable = await commitWorkingCopy('a process on a kv block')
    const refused = await call(owner, 'POST', p('/deployments'), { commitId: undeployable })
    expect(refused.status).toBe(422)
    expect(refused.json.error).toMatchObject({ code: 'invalid-definition' })
    expect((refused.json.error as { problems: Json[] }).problems).toContainEqual(
      expect.objectContaining({
        code: 'not-executable',
        file: 'processes/touch-session.process.json',
        pointer: '/nodes/read/database',
      }),
    )

    await editWorkingCopy(withKvBlock(base, false))
    const withKv = await commitWorkingCopy('a kv block nothing uses yet')
    const deployment = await deployCommit(withKv)
    expect(deployment.notes).toContainEqual(
      expect.objectContaining({
        block: 'sessions',
        kind: 'not-executable',
        message: expect.stringMatching(/kv.*not yet executable/),
      }),
    )
    expect((await call(owner, 'POST', p('/deployments'), { commitId: 'cmt_nope' })).status).toBe(404)
    expect((await call(owner, 'POST', p('/deployments'), { commitId: withKv, environment: 'staging' })).status).toBe(
      400,
    )
  })

  it('a destructive migration needs confirmation: 409 with the migration in details, then deployed when confirmed', async () => {
    const withNote = edit(base, 'infra/databases/orders-db.database.json', (d) => {
      const orders = (d.tables as Record<string, { columns: Json }>).orders
      if (orders) orders.columns.note = { type: 'text', nullable: true }
    })
    await editWorkingCopy(withNote)
    const added = await commitWorkingCopy('orders get a note')
    const additive = await deployCommit(added)
    expect(additive.migration).toEqual([
      {
        database: 'orders-db',
        steps: [expect.objectContaining({ destructive: false, sql: expect.stringContaining('add column "note"') })],
      },
    ])

    await editWorkingCopy(base)
    const dropped = await commitWorkingCopy('orders lose the note')
    const refused = await call(owner, 'POST', p('/deployments'), { commitId: dropped })
    expect(refused.status).toBe(409)
    expect(refused.json.error).toMatchObject({
      code: 'needs-confirmation',
      details: {
        migration: [
          {
            database: 'orders-db',
            steps: [expect.objectContaining({ destructive: true, sql: 'alter table "orders" drop column "note"' })],
          },
        ],
      },
    })
    expect(await hasNoteColumn()).toBe(true)
    const confirmed = await call(owner, 'POST', p('/deployments'), { commitId: dropped, confirmDestructive: true })
    expect(confirmed.status).toBe(201)
    expect(await hasNoteColumn()).toBe(false)
  })

  it('answers 503 when Temporal does not answer, and connects once it does (the route handler in this process)', async () => {
    // The same handler next start serves, called with a real Request and session cookie, in a process whose
    // TEMPORAL_ADDRESS names a closed port.
    const closed = createServer()
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
    const deadPort = (closed.address() as AddressInfo).port
    await new Promise<void>((done) => closed.close(() => done()))
    Object.assign(process.env, {
      DATABASE_URL: stack.databaseUrl,
      BACKPLANE_AUTH_SECRET: stack.secret,
      BACKPLANE_SECRET_KEY: stack.runtime?.secretKey,
      BACKPLANE_TASK_QUEUE: stack.runtime?.taskQueue,
      TEMPORAL_ADDRESS: `127.0.0.1:${deadPort}`,
    })
    const { POST } = await import('../../app/api/v1/projects/[projectId]/processes/[processRef]/start/route')
    const start = () =>
      POST(
        new Request(`http://backplane.test${p('/processes/create-order/start')}`, {
          method: 'POST',
          headers: { cookie: owner.cookie, 'content-type': 'application/json' },
          body: JSON.stringify(order('offline')),
        }),
        { params: Promise.resolve({ projectId, processRef: 'create-order' }) },
      )
    const down = await start()
    expect(down.status).toBe(503)
    expect(((await down.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining(`127.0.0.1:${deadPort}`),
    })
    process.env.TEMPORAL_ADDRESS = stack.runtime?.temporalAddress
    const up = await start()
    expect(up.status).toBe(202)
    const { execution } = (await up.json()) as { execution: { id: string } }
    const ended = await eventually('the run started in-process', async () => {
      const got = (await call(viewer, 'GET', p(`/executions/${execution.id}`))).json.execution as Json
      return got.status === 'running' ? undefined : got
    })
    expect(ended.status).toBe('succeeded')
  })
})
