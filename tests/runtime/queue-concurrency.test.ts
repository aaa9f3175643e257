import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commits } from '../../lib/db'
import { makeProcess, type ProcessFile, type QueueFile } from '../../lib/interpreter'
import { deploy, listExecutions, type RuntimeContext, runAndWait } from '../../lib/runtime'
import { type RuntimeHarness, startRuntimeHarness } from './runtime-harness'

let h: RuntimeHarness
let ctx: RuntimeContext

beforeAll(async () => {
  h = await startRuntimeHarness('queueconc')
  ctx = { db: h.db, temporal: h.env.client, taskQueue: h.taskQueue, key: h.key }
}, 120_000)
afterAll(async () => {
  await h?.stop()
})

const queue: QueueFile = {
  format: 'backplane.queue/v1',
  id: 'que_0000000000000000conc',
  name: 'jobs',
  description: '',
  message: { type: 'object', required: ['n'] },
  producers: ['produce'],
  consumers: { slow: { concurrency: 1 }, fast: { concurrency: 3 } },
  delivery: { ordering: 'unordered', mode: 'fan-out' },
  retry: { maxAttempts: 1, interval: '1s', backoffRate: 1, jitter: 'none' },
  deadLetter: { store: 'project' },
}

const consumer = (name: string, id: string): ProcessFile => ({
  ...makeProcess({
    name,
    entry: 'nap',
    nodes: {
      nap: { kind: 'wait', label: 'nap', duration: '300ms' },
      done: { kind: 'return', label: 'd', value: { expr: 'input.n' } },
    },
    edges: ['nap:out>done'],
  }),
  id,
  type: 'queue-consumer',
  execution: { model: 'event-driven', trigger: { kind: 'queue', queue: 'jobs' }, timeout: '1m' },
})

const produce: ProcessFile = {
  ...makeProcess({
    name: 'produce',
    entry: 'each',
    nodes: {
      each: {
        kind: 'for-each',
        label: 'each',
        items: { expr: 'input.ns' },
        maxConcurrency: 4,
        output: true,
        body: {
          entry: 'pub',
          nodes: {
            pub: {
              kind: 'queue-publish',
              label: 'pub',
              queue: 'jobs',
              message: { expr: '{"n": item}' },
              timeout: '5s',
            },
            r: { kind: 'return', label: 'r', value: { expr: 'nodes.pub.messageId' } },
          },
          edges: [{ from: 'pub', port: 'out', to: 'r' }],
        },
      },
      done: { kind: 'return', label: 'done', value: { expr: 'nodes.each' } },
    },
    edges: ['each:out>done'],
  }),
  id: 'prc_produce000000000000',
}

type Interval = { startedAt: Date; endedAt: Date | null }
const overlapping = (runs: Interval[]) =>
  Math.max(
    ...runs.map(
      (a) =>
        runs.filter((b) => b.startedAt < (a.endedAt ?? a.startedAt) && (b.endedAt ?? b.startedAt) > a.startedAt).length,
    ),
  )

describe('queue fan-out with per-consumer concurrency', () => {
  it('every consumer gets every message; a consumer with concurrency 1 never runs two deliveries at once', async () => {
    const commitId = `cmt_${randomBytes(8).toString('hex')}`
    await h.db
      .insert(commits)
      .values({ id: commitId, projectId: h.projectId, message: 't', projectIdentity: 'x', yjsState: new Uint8Array() })
    const slow = consumer('slow', 'prc_slow000000000000000')
    const fast = consumer('fast', 'prc_fast000000000000000')
    const deployed = await deploy(ctx, {
      projectId: h.projectId,
      environment: 'development',
      commitId,
      definitions: { processes: { produce, slow, fast }, databases: {}, queues: { jobs: queue } },
    })
    expect(deployed.ok).toBe(true)
    const run = await runAndWait(ctx, {
      projectId: h.projectId,
      process: 'produce',
      input: { ns: [1, 2, 3, 4] },
      timeoutMs: 30_000,
    })
    expect(run.ok && run.outcome.status).toBe('succeeded')
    const done = async (processId: string) => {
      const until = Date.now() + 40_000
      for (;;) {
        const rows = await listExecutions(ctx, { projectId: h.projectId, processId, status: 'succeeded' })
        if (rows.length >= 4 || Date.now() > until) return rows
        await new Promise((r) => setTimeout(r, 250))
      }
    }
    const slowRuns = await done(slow.id)
    const fastRuns = await done(fast.id)
    expect(slowRuns.map((r) => r.output).sort()).toEqual([1, 2, 3, 4])
    expect(fastRuns.map((r) => r.output).sort()).toEqual([1, 2, 3, 4])
    expect(overlapping(slowRuns)).toBe(1)
    expect(overlapping(fastRuns)).toBeGreaterThanOrEqual(1)
    expect(slowRuns.every((r) => r.commitId === commitId)).toBe(true)
  })
})
