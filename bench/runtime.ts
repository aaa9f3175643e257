/**
 * `npm run bench -- runtime`: the interpreter workflow against a hand-written Temporal workflow on the same dev
 * server, and the in-process pure runner against a plain jsonata loop.
 *  - latency: a 10-node process (5 pure, 5 http activities answered by a local server) end to end, p50 of
 *    sequential runs, vs the floor (5 no-op activities); target ratio ≤ 1.3.
 *  - throughput at 20 concurrent runs (runs/s), ours / floor; target ≥ 0.77.
 *  - a 50-node pure calculation via runPure, p50, vs the same 50 expressions evaluated with jsonata in a loop;
 *    target ratio ≤ 2.
 * TEMPORAL_ADDRESS uses an existing server; otherwise a dev server is started (the Temporal CLI from setup).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { Client, Connection } from '@temporalio/client'
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker'
import jsonata from 'jsonata'
import { makeBundle, makeProcess, type Node, runPure } from '../lib/interpreter'
import { createRuntimeActivities } from '../server/worker/activities/runtime-activities'
import { bundleWorkflows, createBackplaneWorker } from '../server/worker/create-worker'
import { INTERPRET_PROCESS } from '../server/worker/workflows/workflow-types'
import { startTemporal } from '../tests/harness/temporal'

Runtime.install({ logger: new DefaultLogger('ERROR') })

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
function line(name: string, value: number, baseline: number, unit: string, target: number, higherIsBetter = false) {
  const ratio = value / baseline
  const ok = higherIsBetter ? ratio >= target : ratio <= target
  console.log(
    `BENCH runtime.${name} value=${value.toFixed(2)}${unit} baseline=${baseline.toFixed(2)}${unit} ratio=${ratio.toFixed(2)} target=${target} ${ok ? 'ok' : 'miss'}`,
  )
}

async function pureBench(): Promise<void> {
  const nodes: Record<string, Node> = {}
  const edges: string[] = []
  const texts: string[] = []
  for (let i = 0; i < 50; i++) {
    const prev = i === 0 ? 'input.x' : `nodes.n${i - 1}`
    const text = `${prev} * 1.01 + input.y - ${i % 7}`
    texts.push(text)
    nodes[`n${i}`] = { kind: 'compute', label: `n${i}`, expression: { expr: text }, output: { type: 'number' } }
    if (i > 0) edges.push(`n${i - 1}:out>n${i}`)
  }
  nodes.done = { kind: 'return', label: 'done', value: { expr: 'nodes.n49' } }
  edges.push('n49:out>done')
  const process = makeProcess({ entry: 'n0', nodes, edges, success: { type: 'number' } })
  const compiled = texts.map((t) => jsonata(t))
  const direct = async (input: { x: number; y: number }) => {
    const out: Record<string, unknown> = {}
    for (let i = 0; i < compiled.length; i++) out[`n${i}`] = await compiled[i]?.evaluate({ input, nodes: out })
    return out.n49
  }
  const ours: number[] = []
  const base: number[] = []
  for (let round = 0; round < 300; round++) {
    const input = { x: round, y: 2 }
    let t = performance.now()
    await runPure(process, input)
    if (round >= 50) ours.push(performance.now() - t)
    t = performance.now()
    await direct(input)
    if (round >= 50) base.push(performance.now() - t)
  }
  line('pure-50-nodes-p50', p50(ours), p50(base), 'ms', 2)
}

async function temporalBench(): Promise<void> {
  const server = process.env.TEMPORAL_ADDRESS ? undefined : await startTemporal()
  const address = process.env.TEMPORAL_ADDRESS ?? server?.address ?? ''
  const http = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"v":1}')
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/v`
  const client = new Client({ connection: await Connection.connect({ address }) })
  const native = await NativeConnection.connect({ address })
  const taskQueue = `bench-runtime-${Date.now()}`
  const runtime = createRuntimeActivities({
    databaseUrl: async () => undefined,
    secret: async () => undefined,
    environment: async () => ({ allowPrivateNetwork: true }),
    // Trace storage is Postgres's cost, not the runtime's: the trace activity still runs, its store is a no-op.
    recordTrace: async () => {},
    recordDeadLetter: async () => {},
    client,
    taskQueue,
  })
  const ours = await createBackplaneWorker({
    connection: native,
    taskQueue,
    activities: runtime.activities,
    workflowBundle: await bundleWorkflows(),
  })
  const floorQueue = `${taskQueue}-floor`
  const floor = await Worker.create({
    connection: native,
    taskQueue: floorQueue,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./runtime/floor-workflows.ts', import.meta.url)),
    }),
    activities: { noop: async (n: number) => n + 1 },
  })
  const nodes: Record<string, Node> = {}
  const edges: string[] = []
  for (let i = 0; i < 5; i++) {
    nodes[`c${i}`] = {
      kind: 'compute',
      label: `c${i}`,
      expression: { expr: `${i === 0 ? 'input.x' : `nodes.h${i - 1}.v`} + ${i}` },
      output: { type: 'number' },
    }
    nodes[`h${i}`] = {
      kind: 'http',
      label: `h${i}`,
      method: 'GET',
      url,
      responses: [{ status: '200', output: true, schema: { type: 'object' } }],
      timeout: '10s',
    }
    edges.push(`c${i}:out>h${i}`)
    if (i > 0) edges.push(`h${i - 1}:out>c${i}`)
  }
  nodes.done = { kind: 'return', label: 'done', value: { expr: 'nodes.h4.v' } }
  edges.push('h4:out>done')
  const bundle = makeBundle(makeProcess({ entry: 'c0', nodes, edges }), {
    pin: { projectId: 'prj_bench', commitId: 'cmt_bench', environment: 'development' },
  })
  let n = 0
  const runOurs = () =>
    client.workflow.execute(INTERPRET_PROCESS, {
      taskQueue,
      workflowId: `bench-ours-${n++}`,
      args: [{ bundle, input: { x: 1 } }],
    })
  const runFloor = () =>
    client.workflow.execute('floorWorkflow', { taskQueue: floorQueue, workflowId: `bench-floor-${n++}`, args: [1] })
  await ours.runUntil(measure())

  async function measure(): Promise<void> {
    const floorRun = floor.run()
    const latency = async (run: () => Promise<unknown>) => {
      const xs: number[] = []
      for (let i = 0; i < 40; i++) {
        const t = performance.now()
        await run()
        if (i >= 5) xs.push(performance.now() - t)
      }
      return p50(xs)
    }
    const throughput = async (run: () => Promise<unknown>) => {
      const total = 100
      let next = 0
      const t = performance.now()
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next++ < total) await run()
        }),
      )
      return total / ((performance.now() - t) / 1000)
    }
    // Alternate to share the machine's noise between both sides.
    const floorLatency = await latency(runFloor)
    const ourLatency = await latency(runOurs)
    line('latency-10-nodes-p50', ourLatency, floorLatency, 'ms', 1.3)
    // What one run costs the server: events and history size. Both sides are alike here, so the throughput gap is
    // the worker's CPU per run (see docs/decisions/runtime.md).
    for (const [side, id] of [
      ['floor', `bench-floor-${n - 41}`],
      ['ours', `bench-ours-${n - 1}`],
    ] as const) {
      const history = await client.workflow.getHandle(id).fetchHistory()
      const events = history.events ?? []
      const bytes = events.reduce((sum, e) => sum + JSON.stringify(e).length, 0)
      console.log(`runtime.history ${side}: ${events.length} events, ~${bytes} bytes (JSON)`)
    }
    const floorRate = await throughput(runFloor)
    const ourRate = await throughput(runOurs)
    line('throughput-20-concurrent', ourRate, floorRate, 'runs/s', 0.77, true)
    floor.shutdown()
    await floorRun
  }
  await runtime.close()
  await native.close()
  await client.connection.close()
  http.close()
  await server?.stop()
}

// BENCH_PART=pure|temporal runs one half.
if (process.env.BENCH_PART !== 'temporal') await pureBench()
if (process.env.BENCH_PART !== 'pure') await temporalBench()
