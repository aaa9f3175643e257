import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WorkflowFailedError } from '@temporalio/client'
import { ApplicationFailure } from '@temporalio/common'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type DefinitionBundle,
  type HttpNode,
  makeBundle,
  makeProcess,
  type NodeState,
  type Retrier,
  retryDelay,
  seedRandom,
} from '../../lib/interpreter'
import { setPrivateNetworkAllowed } from '../../lib/runtime/secrets'
import { INTERPRET_PROCESS, NODE_STATES_QUERY } from '../../server/worker/workflows/workflow-types'
import { scheduledActivities, timerDurations } from './history'
import { type RuntimeHarness, startRuntimeHarness } from './runtime-harness'

let h: RuntimeHarness
let server: Server
let base = ''
let hits = 0

beforeAll(async () => {
  h = await startRuntimeHarness('nodekinds')
  server = createServer((req, res) => {
    hits++
    if (req.url === '/ok') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"ok":true}')
    } else {
      res.writeHead(503)
      res.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  await setPrivateNetworkAllowed(h.db, { projectId: h.projectId, environment: 'development' }, true)
}, 120_000)

afterAll(async () => {
  server?.close()
  await h?.stop()
})

let n = 0
function start(bundle: DefinitionBundle, input: unknown, seed?: number) {
  return h.env.client.workflow.start(INTERPRET_PROCESS, {
    taskQueue: h.taskQueue,
    workflowId: `run_nodekinds_${Date.now()}_${n++}`,
    args: [{ bundle, input, ...(seed === undefined ? {} : { seed }) }],
  })
}
const pin = (environment = 'development') => ({ projectId: h.projectId, commitId: 'cmt_test', environment })

function unavailable(retry: Retrier[], catchPort?: string): HttpNode {
  return {
    kind: 'http',
    label: 'flaky',
    method: 'GET',
    url: `${base}/down`,
    responses: [{ status: '200', output: true, schema: true }],
    timeout: '3s',
    retry,
    ...(catchPort ? { catch: [{ port: catchPort, errors: ['status.5xx'] }] } : {}),
  }
}

describe('node kinds on the dev server', () => {
  it('condition, transform, for-each (maxConcurrency), wait and call-process (child on the same bundle)', async () => {
    const callee = makeProcess({
      name: 'double',
      entry: 'r',
      inputs: { type: 'object', required: ['x'] },
      nodes: { r: { kind: 'return', label: 'r', value: { expr: '{"y": input.x * 2}' } } },
      success: { type: 'object', required: ['y'] },
    })
    const main = makeProcess({
      entry: 'check',
      nodes: {
        check: {
          kind: 'condition',
          label: 'c',
          cases: [{ name: 'true', when: { expr: '$count(input.xs) > 0' } }],
          defaultPort: 'false',
        },
        each: {
          kind: 'for-each',
          label: 'each',
          items: { expr: 'input.xs' },
          maxConcurrency: 2,
          output: { type: 'number' },
          body: {
            entry: 'twice',
            nodes: {
              twice: {
                kind: 'call-process',
                label: 'twice',
                process: 'double',
                input: { expr: '{"x": item}' },
                timeout: '30s',
              },
              pause: { kind: 'wait', label: 'pause', duration: '10ms' },
              line: { kind: 'return', label: 'line', value: { expr: 'nodes.twice.y' } },
            },
            edges: [
              { from: 'twice', port: 'out', to: 'pause' },
              { from: 'pause', port: 'out', to: 'line' },
            ],
          },
        },
        shape: {
          kind: 'transform',
          label: 'shape',
          fields: { sum: { expr: '$sum(nodes.each)' }, items: { expr: 'nodes.each' } },
          output: { type: 'object', required: ['sum'] },
        },
        empty: { kind: 'return', label: 'empty', value: { expr: '{"sum": 0}' } },
        done: { kind: 'return', label: 'done', value: { expr: 'nodes.shape' } },
      },
      edges: ['check:true>each', 'check:false>empty', 'each:out>shape', 'shape:out>done'],
    })
    const bundle = makeBundle(main, { processes: { double: callee }, pin: pin() })
    const handle = await start(bundle, { xs: [1, 2, 3] })
    expect(await handle.result()).toEqual({ sum: 12, items: [2, 4, 6] })
    const states = await handle.query<Record<string, NodeState>>(NODE_STATES_QUERY)
    expect(states['each[2].twice']?.status).toBe('succeeded')
    expect(states.empty?.status).toBe('skipped')
    const history = await handle.fetchHistory()
    const children = (history.events ?? []).filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)
    expect(children.map((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowType?.name)).toEqual([
      INTERPRET_PROCESS,
      INTERPRET_PROCESS,
      INTERPRET_PROCESS,
    ])
    expect(await timerDurations(handle)).toEqual([10, 10, 10])
  })

  it('retrier fields hold exactly in the history: maxAttempts, interval × backoffRate^(n-1) capped by maxDelay; one attempt per activity', async () => {
    const retry: Retrier = {
      errors: ['status.5xx'],
      maxAttempts: 5,
      interval: '100ms',
      backoffRate: 2,
      maxDelay: '300ms',
      jitter: 'none',
    }
    const p = makeProcess({
      entry: 'flaky',
      nodes: { flaky: unavailable([retry]), done: { kind: 'return', label: 'd', value: { expr: '1' } } },
      edges: ['flaky:out>done'],
    })
    const before = hits
    const handle = await start(makeBundle(p, { pin: pin() }), {})
    const failure = await handle.result().catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(WorkflowFailedError)
    expect(((failure as WorkflowFailedError).cause as ApplicationFailure).type).toBe('status.503')
    expect(await timerDurations(handle)).toEqual([100, 200, 300, 300])
    const activities = (await scheduledActivities(handle)).filter((a) => a.type === 'runNodeActivity')
    expect(activities).toHaveLength(5)
    expect(activities.every((a) => a.maximumAttempts === 1 && a.startToCloseMs === 3000)).toBe(true)
    expect(hits - before).toBe(5)
  })

  it('jitter full draws every delay from the seeded source: the history holds exactly the seeded delays', async () => {
    const retry: Retrier = {
      errors: ['*'],
      maxAttempts: 4,
      interval: '200ms',
      backoffRate: 3,
      maxDelay: '1s',
      jitter: 'full',
    }
    const p = makeProcess({
      entry: 'flaky',
      nodes: {
        flaky: unavailable([retry], 'catch-down'),
        'gave-up': { kind: 'return', label: 'g', value: { expr: '"gave up"' } },
      },
      edges: ['flaky:catch-down>gave-up'],
    })
    const handle = await start(makeBundle(p, { pin: pin() }), {}, 42)
    expect(await handle.result()).toBe('gave up')
    let random = seedRandom(42)
    const expected = [1, 2, 3].map((i) => {
      const d = retryDelay(retry, i, random)
      random = d.random
      return Math.max(1, d.delayMs)
    })
    const actual = await timerDurations(handle)
    expect(actual).toEqual(expected)
    expect(actual[2]).toBeLessThanOrEqual(1000)
  })

  it('catch routes take typed errors after retries; a fail node ends the run with its declared error', async () => {
    const p = makeProcess({
      entry: 'flaky',
      nodes: {
        flaky: unavailable(
          [{ errors: ['status.503'], maxAttempts: 2, interval: '10ms', backoffRate: 1, jitter: 'none' }],
          'catch-down',
        ),
        ok: { kind: 'return', label: 'ok', value: { expr: '1' } },
        no: {
          kind: 'fail',
          label: 'no',
          error: 'Unavailable',
          details: { expr: '{"status": nodes.flaky.error.details.status}' },
        },
      },
      edges: ['flaky:out>ok', 'flaky:catch-down>no'],
      errors: {
        Unavailable: { description: 'The supplier is down', schema: { type: 'object', required: ['status'] } },
      },
    })
    const handle = await start(makeBundle(p, { pin: pin() }), {})
    const failure = (await handle.result().catch((e: unknown) => e)) as WorkflowFailedError
    const cause = failure.cause as ApplicationFailure
    expect(cause).toBeInstanceOf(ApplicationFailure)
    expect(cause.type).toBe('Unavailable')
    expect(cause.details?.[0]).toMatchObject({
      name: 'Unavailable',
      declared: true,
      details: { status: 503 },
      node: 'no',
    })
    const states = await handle.query<Record<string, NodeState>>(NODE_STATES_QUERY)
    expect(states.flaky).toMatchObject({ status: 'caught', port: 'catch-down', attempts: 2 })
  })

  it('the http node refuses a hostname that resolves to a loopback address unless the environment allows it', async () => {
    const port = (server.address() as AddressInfo).port
    const p = makeProcess({
      entry: 'call',
      nodes: {
        call: {
          kind: 'http',
          label: 'call',
          method: 'GET',
          url: `http://localhost:${port}/ok`,
          responses: [{ status: '200', output: true, schema: true }],
          timeout: '3s',
          catch: [{ port: 'catch-net', errors: ['network'] }],
        },
        ok: { kind: 'return', label: 'ok', value: { expr: 'nodes.call' } },
        refused: { kind: 'return', label: 'refused', value: { expr: 'nodes.call.error' } },
      },
      edges: ['call:out>ok', 'call:catch-net>refused'],
    })
    const before = hits
    const refused = await (await start(makeBundle(p, { pin: pin('production') }), {})).result()
    expect(refused).toMatchObject({ name: 'network' })
    expect(JSON.stringify(refused)).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/)
    expect(hits).toBe(before)
    const allowed = await (await start(makeBundle(p, { pin: pin('development') }), {})).result()
    expect(allowed).toEqual({ ok: true })
  })
})
