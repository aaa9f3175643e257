import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commits } from '../../lib/db'
import { type DatabaseFile, makeProcess, type ProcessFile, type QueueFile } from '../../lib/interpreter'
import {
  cancelExecution,
  type Definitions,
  deploy,
  executions,
  getExecution,
  listDeadLetters,
  listExecutions,
  type RuntimeContext,
  replayDeadLetters,
  runAndWait,
  scheduleId,
  setPrivateNetworkAllowed,
  startRun,
} from '../../lib/runtime'
import { type RuntimeHarness, startRuntimeHarness } from './runtime-harness'

let h: RuntimeHarness
let ctx: RuntimeContext
let server: Server
let base = ''
let shipHits = 0

async function commit(): Promise<string> {
  const id = `cmt_${randomBytes(8).toString('hex')}`
  await h.db
    .insert(commits)
    .values({ id, projectId: h.projectId, message: 'test', projectIdentity: 'x', yjsState: new Uint8Array() })
  return id
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 40_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

beforeAll(async () => {
  h = await startRuntimeHarness('service')
  ctx = { db: h.db, temporal: h.env.client, taskQueue: h.taskQueue, key: h.key }
  server = createServer((req, res) => {
    if (req.url === '/ship') shipHits++
    res.writeHead(req.url === '/ship' ? 500 : 200, { 'content-type': 'application/json' })
    res.end('{"shipped":true}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  await setPrivateNetworkAllowed(h.db, { projectId: h.projectId, environment: 'development' }, true)
}, 120_000)

afterAll(async () => {
  server?.close()
  await h?.stop()
})

const queue: QueueFile = {
  format: 'backplane.queue/v1',
  id: 'que_0000000000000000test',
  name: 'fulfilment',
  description: '',
  message: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
  producers: ['place-order'],
  consumers: { ship: { concurrency: 1 } },
  delivery: { ordering: 'unordered', mode: 'fan-out' },
  retry: { maxAttempts: 2, interval: '100ms', backoffRate: 2, jitter: 'none' },
  deadLetter: { store: 'project' },
}

const placeOrder = makeProcess({
  name: 'place-order',
  entry: 'publish',
  inputs: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  nodes: {
    publish: {
      kind: 'queue-publish',
      label: 'publish',
      queue: 'fulfilment',
      message: { expr: '{"orderId": input.id}' },
      timeout: '5s',
    },
    done: {
      kind: 'return',
      label: 'done',
      value: { expr: '{"orderId": input.id, "messageId": nodes.publish.messageId}' },
    },
  },
  edges: ['publish:out>done'],
})

function ship(url: string): ProcessFile {
  return {
    ...makeProcess({
      name: 'ship',
      entry: 'call',
      nodes: {
        call: {
          kind: 'http',
          label: 'call carrier',
          method: 'POST',
          url,
          body: { expr: 'input' },
          responses: [{ status: '200', output: true, schema: true }],
          timeout: '5s',
        },
        done: { kind: 'return', label: 'done', value: { expr: 'nodes.call' } },
      },
      edges: ['call:out>done'],
    }),
    type: 'queue-consumer',
    execution: { model: 'event-driven', trigger: { kind: 'queue', queue: 'fulfilment' }, timeout: '1m' },
  }
}

const defs = (shipUrl: string, extra: Partial<Definitions> = {}): Definitions => ({
  processes: { 'place-order': placeOrder, ship: ship(shipUrl), ...(extra.processes ?? {}) },
  databases: extra.databases ?? {},
  queues: { fulfilment: queue, ...(extra.queues ?? {}) },
})

describe('runtime service on the dev server', () => {
  it('refuses bad definitions at deploy with located errors, and runs nothing before a deployment', async () => {
    const notYet = await startRun(ctx, { projectId: h.projectId, process: 'place-order', input: { id: 'x' } })
    expect(notYet).toMatchObject({ ok: false, error: { code: 'not-deployed' } })
    const broken = defs(`${base}/ship`)
    const bad = { ...placeOrder, edges: [...placeOrder.edges, { from: 'publish', port: 'out', to: 'nowhere' }] }
    const result = await deploy(ctx, {
      projectId: h.projectId,
      environment: 'development',
      commitId: await commit(),
      definitions: { ...broken, processes: { ...broken.processes, 'place-order': bad } },
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid-definition')
    expect(result.error.problems).toContainEqual(
      expect.objectContaining({
        code: 'unknown-node',
        file: 'processes/place-order.process.json',
        pointer: '/edges/1/to',
      }),
    )
  })

  it('a failing consumer sends the message to the dead-letter store; after a fixed redeploy a replay delivers it', async () => {
    const v1 = await commit()
    const deployed = await deploy(ctx, {
      projectId: h.projectId,
      environment: 'development',
      commitId: v1,
      definitions: defs(`${base}/ship`),
    })
    expect(deployed.ok).toBe(true)
    const bad = await runAndWait(ctx, { projectId: h.projectId, process: 'place-order', input: {}, timeoutMs: 10_000 })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const run = await runAndWait(ctx, {
      projectId: h.projectId,
      process: 'place-order',
      input: { id: 'o-1' },
      timeoutMs: 20_000,
    })
    expect(run.ok && run.outcome.status).toBe('succeeded')
    if (!run.ok || run.outcome.status !== 'succeeded') return
    const messageId = (run.outcome.output as { messageId: string }).messageId
    expect(messageId).toBe(`${run.outcome.executionId}/publish`)
    const [letter] = await eventually('a dead letter', async () => {
      const rows = await listDeadLetters(ctx, { projectId: h.projectId })
      return rows.length ? rows : undefined
    })
    expect(letter).toMatchObject({
      queue: 'fulfilment',
      consumer: 'ship',
      messageId,
      message: { orderId: 'o-1' },
      commitId: v1,
      status: 'dead',
    })
    expect(letter?.lastError).toMatchObject({ name: 'status.500' })
    expect(letter?.attempts as unknown[]).toHaveLength(2)
    expect(shipHits).toBe(2)

    const v2 = await commit()
    expect(
      (
        await deploy(ctx, {
          projectId: h.projectId,
          environment: 'development',
          commitId: v2,
          definitions: defs(`${base}/ok`),
        })
      ).ok,
    ).toBe(true)
    const replay = await replayDeadLetters(ctx, { projectId: h.projectId, ids: [letter?.id ?? ''] })
    expect(replay.ok).toBe(true)
    if (!replay.ok) return
    expect(replay.replayed[0]?.commitId).toBe(v2)
    // The consumer's gate starts the delivery workflow shortly after the replay hands it over.
    const delivered = await eventually('the replayed delivery', () =>
      h.env.client.workflow
        .getHandle(replay.replayed[0]?.deliveryId ?? '')
        .result()
        .catch(() => undefined),
    )
    expect(delivered).toEqual({ status: 'delivered', attempts: 1 })
    const [after] = await listDeadLetters(ctx, { projectId: h.projectId })
    expect(after).toMatchObject({ status: 'replayed', replayCommitId: v2 })
    const consumerRuns = await listExecutions(ctx, { projectId: h.projectId, processId: placeOrder.id })
    expect(consumerRuns.length).toBeGreaterThan(0)
    const replayedRun = (await h.db.select().from(executions)).find(
      (e) => (e.origin as { replayOf?: string }).replayOf === letter?.id,
    )
    expect(replayedRun).toMatchObject({ status: 'succeeded', commitId: v2, processName: 'ship' })
  })

  it('shows and applies migrations: additive at once, destructive only when confirmed', async () => {
    const block = await h.blockDatabase('service_block')
    const db: DatabaseFile = {
      format: 'backplane.database/v1',
      id: 'db_0000000000000000test',
      name: 'orders-db',
      description: '',
      type: 'sql',
      capabilities: ['crud'],
      semantics: { reads: 'strong', writes: 'transactional', isolation: 'read-committed' },
      connection: { scope: 'environment', poolSize: 2 },
      tables: {
        orders: {
          columns: { id: { type: 'text', nullable: false }, note: { type: 'text', nullable: true } },
          primaryKey: ['id'],
        },
      },
    }
    const first = await deploy(ctx, {
      projectId: h.projectId,
      environment: 'production',
      commitId: await commit(),
      definitions: defs(`${base}/ok`, { databases: { 'orders-db': db } }),
      provisionDatabase: async () => block.url,
    })
    expect(first.ok && first.migration[0]?.steps.map((s) => [s.destructive, s.sql.split(' (')[0]])).toEqual([
      [false, 'create table "orders"'],
    ])
    const slimmer: DatabaseFile = {
      ...db,
      tables: { orders: { columns: { id: { type: 'text', nullable: false } }, primaryKey: ['id'] } },
    }
    const second = defs(`${base}/ok`, { databases: { 'orders-db': slimmer } })
    const refused = await deploy(ctx, {
      projectId: h.projectId,
      environment: 'production',
      commitId: await commit(),
      definitions: second,
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs-confirmation' } })
    const confirmed = await deploy(ctx, {
      projectId: h.projectId,
      environment: 'production',
      commitId: await commit(),
      definitions: second,
      confirmDestructive: true,
    })
    expect(confirmed.ok).toBe(true)
    const sql = postgres(block.url, { max: 1, onnotice: () => {} })
    const columns = await sql`select column_name from information_schema.columns where table_name = 'orders'`
    await sql.end()
    expect(columns.map((c) => c.column_name)).toEqual(['id'])
  })

  it('schedules honour their time zone, really fire, and are replaced by the next deployment', async () => {
    const scheduled = (name: string, trigger: ProcessFile['execution']['trigger']): ProcessFile => ({
      ...makeProcess({ name, entry: 'r', nodes: { r: { kind: 'return', label: 'r', value: { expr: 'run.id' } } } }),
      id: `prc_${name.replaceAll('-', '')}0000000000000000`,
      type: 'background-job',
      execution: { model: 'scheduled', trigger, timeout: '1m' },
    })
    const morning = scheduled('morning-report', {
      kind: 'schedule',
      cron: '0 9 * * *',
      timeZone: 'Asia/Tokyo',
      overlap: 'skip',
    })
    const tick = scheduled('tick', { kind: 'schedule', interval: '1s', timeZone: 'UTC', overlap: 'buffer-one' })
    const commitId = await commit()
    const result = await deploy(ctx, {
      projectId: h.projectId,
      environment: 'development',
      commitId,
      definitions: defs(`${base}/ok`, { processes: { 'morning-report': morning, tick } }),
    })
    expect(result.ok).toBe(true)
    const morningId = scheduleId(h.projectId, 'development', 'morning-report')
    const description = await h.env.client.schedule.getHandle(morningId).describe()
    expect(description.info.nextActionTimes.length).toBeGreaterThan(0)
    for (const at of description.info.nextActionTimes) {
      // 09:00 in Tokyo (UTC+9, no DST) is 00:00 UTC.
      expect([at.getUTCHours(), at.getUTCMinutes()]).toEqual([0, 0])
    }
    expect(description.policies.overlap).toBe('SKIP')
    const fired = await eventually('a scheduled run', async () => {
      const rows = await listExecutions(ctx, { projectId: h.projectId, processId: tick.id, status: 'succeeded' })
      return rows[0]
    })
    expect(fired).toMatchObject({ processName: 'tick', commitId, origin: { kind: 'schedule' } })
    const next = await deploy(ctx, {
      projectId: h.projectId,
      environment: 'development',
      commitId: await commit(),
      definitions: defs(`${base}/ok`),
    })
    expect(next.ok && next.schedules).toEqual([])
    await expect(h.env.client.schedule.getHandle(morningId).describe()).rejects.toThrow()
  })

  it('starts at once, reads live node states while running, and cancels (the trace says cancelled)', async () => {
    const slow = {
      ...makeProcess({
        name: 'slow',
        entry: 'nap',
        nodes: {
          nap: { kind: 'wait', label: 'nap', duration: '1h' },
          done: { kind: 'return', label: 'd', value: { expr: '1' } },
        },
        edges: ['nap:out>done'],
      }),
      id: 'prc_slow0000000000000000',
    }
    await deploy(ctx, {
      projectId: h.projectId,
      environment: 'development',
      commitId: await commit(),
      definitions: defs(`${base}/ok`, { processes: { slow } }),
    })
    const started = await startRun(ctx, { projectId: h.projectId, process: 'slow', input: {} })
    expect(started.ok).toBe(true)
    if (!started.ok) return
    const live = await eventually('the wait node', async () => {
      const e = await getExecution(ctx, started.executionId)
      return e?.nodes.nap?.status === 'waiting' ? e : undefined
    })
    expect(live.status).toBe('running')
    expect(await cancelExecution(ctx, started.executionId)).toEqual({ ok: true })
    const ended = await eventually('the cancelled trace', async () => {
      const [row] = await h.db.select().from(executions).where(eq(executions.id, started.executionId))
      return row?.status === 'cancelled' ? row : undefined
    })
    expect(ended.endedAt).not.toBeNull()
    expect((await getExecution(ctx, started.executionId))?.nodes.nap?.status).toBe('cancelled')
  })
})
