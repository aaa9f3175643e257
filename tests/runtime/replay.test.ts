import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { temporal } from '@temporalio/proto'
import { Worker } from '@temporalio/worker'
import { afterAll, describe, expect, it } from 'vitest'
import { type DefinitionBundle, makeBundle, makeProcess } from '../../lib/interpreter'
import { INTERPRET_PROCESS } from '../../server/worker/workflows/workflow-types'
import { type RuntimeHarness, sharedBundle, startRuntimeHarness } from './runtime-harness'

/**
 * Recorded histories of real runs, replayed against the current workflow code: an interpreter change that plans
 * different commands for the same events (non-determinism) fails here. Recorded once (or again with
 * RECORD_HISTORIES=1, after an intended, versioned change) from the scenarios below.
 */
const folder = fileURLToPath(new URL('./histories', import.meta.url))

// Fixed port: the recorded activity inputs contain the URL (replay does not compare them, but keeps them stable).
function scenarios(
  base: string,
): Record<string, { bundle: (projectId: string) => DefinitionBundle; input: unknown; seed: number }> {
  const flaky = makeProcess({
    name: 'flaky-supplier',
    entry: 'quote',
    nodes: {
      quote: {
        kind: 'http',
        label: 'quote',
        method: 'GET',
        url: `${base}/down`,
        responses: [{ status: '200', output: true, schema: true }],
        timeout: '3s',
        retry: [
          { errors: ['status.5xx'], maxAttempts: 3, interval: '50ms', backoffRate: 2, maxDelay: '1s', jitter: 'full' },
        ],
        catch: [{ port: 'catch-down', errors: ['*'] }],
      },
      fallback: {
        kind: 'compute',
        label: 'fallback',
        expression: { expr: 'input.default' },
        output: { type: 'number' },
      },
      ok: { kind: 'return', label: 'ok', value: { expr: 'nodes.quote' } },
      done: { kind: 'return', label: 'done', value: { expr: 'nodes.fallback' } },
    },
    edges: ['quote:out>ok', 'quote:catch-down>fallback', 'fallback:out>done'],
  })
  const child = makeProcess({
    name: 'square',
    entry: 'r',
    nodes: { r: { kind: 'return', label: 'r', value: { expr: 'input.x * input.x' } } },
  })
  const loop = makeProcess({
    name: 'sum-squares',
    entry: 'each',
    nodes: {
      each: {
        kind: 'for-each',
        label: 'each',
        items: { expr: 'input.xs' },
        maxConcurrency: 2,
        output: { type: 'number' },
        body: {
          entry: 'sq',
          nodes: {
            sq: {
              kind: 'call-process',
              label: 'sq',
              process: 'square',
              input: { expr: '{"x": item}' },
              timeout: '30s',
            },
            nap: { kind: 'wait', label: 'nap', duration: '5ms' },
            line: { kind: 'return', label: 'line', value: { expr: 'nodes.sq' } },
          },
          edges: [
            { from: 'sq', port: 'out', to: 'nap' },
            { from: 'nap', port: 'out', to: 'line' },
          ],
        },
      },
      check: {
        kind: 'condition',
        label: 'check',
        cases: [{ name: 'big', when: { expr: '$sum(nodes.each) > 10' } }],
        defaultPort: 'default',
      },
      big: { kind: 'return', label: 'big', value: { expr: '{"sum": $sum(nodes.each), "big": true}' } },
      small: { kind: 'return', label: 'small', value: { expr: '{"sum": $sum(nodes.each), "big": false}' } },
    },
    edges: ['each:out>check', 'check:big>big', 'check:default>small'],
  })
  const pin = (projectId: string) => ({ projectId, commitId: 'cmt_replay', environment: 'development' })
  return {
    'retry-jitter-catch': { bundle: (p) => makeBundle(flaky, { pin: pin(p) }), input: { default: 7 }, seed: 3 },
    'for-each-child-wait-condition': {
      bundle: (p) => makeBundle(loop, { processes: { square: child }, pin: pin(p) }),
      input: { xs: [1, 2, 3] },
      seed: 5,
    },
  }
}

let h: RuntimeHarness | undefined
let server: Server | undefined
afterAll(async () => {
  server?.close()
  await h?.stop()
})

async function record(): Promise<void> {
  h = await startRuntimeHarness('replay')
  const s = createServer((_req, res) => {
    res.writeHead(503)
    res.end()
  })
  server = s
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`
  const { setPrivateNetworkAllowed } = await import('../../lib/runtime/secrets')
  await setPrivateNetworkAllowed(h.db, { projectId: h.projectId, environment: 'development' }, true)
  for (const [name, scenario] of Object.entries(scenarios(base))) {
    const handle = await h.env.client.workflow.start(INTERPRET_PROCESS, {
      taskQueue: h.taskQueue,
      workflowId: `replay-${name}`,
      args: [{ bundle: scenario.bundle(h.projectId), input: scenario.input, seed: scenario.seed }],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    })
    await handle.result()
    // Protobuf bytes in a JSON wrapper: the SDK's own historyToJSON fails with the nested protobufjs copy it ships.
    const history = temporal.api.history.v1.History.fromObject(await handle.fetchHistory())
    const encoded = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('base64')
    const file = {
      workflowId: `replay-${name}`,
      encoding: 'temporal.api.history.v1.History/protobuf+base64',
      history: encoded,
    }
    writeFileSync(join(folder, `${name}.json`), `${JSON.stringify(file, null, 2)}\n`)
  }
}

describe('recorded histories', () => {
  it('replay deterministically against the current interpreter and workflow code', async () => {
    const names = Object.keys(scenarios('http://x'))
    if (process.env.RECORD_HISTORIES === '1' || names.some((n) => !existsSync(join(folder, `${n}.json`))))
      await record()
    const files = readdirSync(folder).filter((f) => f.endsWith('.json'))
    expect(files.length).toBeGreaterThanOrEqual(names.length)
    const histories = files.map((f) => {
      const file = JSON.parse(readFileSync(join(folder, f), 'utf8')) as { workflowId: string; history: string }
      return {
        workflowId: file.workflowId,
        history: temporal.api.history.v1.History.decode(Buffer.from(file.history, 'base64')),
      }
    })
    const results = []
    for await (const result of Worker.runReplayHistories({ workflowBundle: await sharedBundle() }, histories))
      results.push(result)
    expect(results.map((r) => [r.workflowId, r.error ? String(r.error) : null])).toEqual(
      histories.map((x) => [x.workflowId, null]),
    )
  }, 120_000)
})
