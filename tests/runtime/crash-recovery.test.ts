import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseFile, makeBundle, makeProcess } from '../../lib/interpreter'
import { setDatabaseBinding } from '../../lib/runtime/secrets'
import { IDEMPOTENCY_TABLE } from '../../server/worker/activities/database-activity'
import { INTERPRET_PROCESS } from '../../server/worker/workflows/workflow-types'
import { testTemporalAddress } from '../harness/env'
import { type RuntimeHarness, sharedBundle, startRuntimeHarness } from './runtime-harness'

let h: RuntimeHarness
let blockUrl = ''
let bundlePath = ''
const children: ChildProcess[] = []

const block: DatabaseFile = {
  format: 'backplane.database/v1',
  id: 'db_0000000000000000test',
  name: 'ledger',
  description: '',
  type: 'sql',
  capabilities: ['crud'],
  semantics: { reads: 'strong', writes: 'transactional', isolation: 'read-committed' },
  connection: { scope: 'environment', poolSize: 2 },
  tables: {
    entries: {
      columns: { id: { type: 'bigint', nullable: false }, note: { type: 'text', nullable: false } },
      primaryKey: ['id'],
    },
  },
}

beforeAll(async () => {
  h = await startRuntimeHarness('crash', { worker: false })
  const b = await h.blockDatabase('crash_block')
  blockUrl = b.url
  const sql = postgres(blockUrl, { max: 1, onnotice: () => {} })
  // No primary-key collision to lean on: only the idempotency key can keep the write single.
  await sql.unsafe('create table entries (id bigserial primary key, note text not null)')
  await sql.end()
  await setDatabaseBinding(h.db, h.key, { projectId: h.projectId, environment: 'development' }, 'ledger', blockUrl)
  bundlePath = join(tmpdir(), `backplane-bundle-${process.pid}.js`)
  writeFileSync(bundlePath, (await sharedBundle()).code)
}, 120_000)

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  await h?.stop()
})

function spawnWorker(crash: boolean): { child: ChildProcess; ready: Promise<void>; exited: Promise<string | null> } {
  const script = fileURLToPath(new URL('./crash-worker.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      DATABASE_URL: h.database.url,
      TEMPORAL_ADDRESS: testTemporalAddress(),
      TASK_QUEUE: h.taskQueue,
      SECRET_KEY: Buffer.from(h.key).toString('hex'),
      BUNDLE_PATH: bundlePath,
      CRASH_AFTER_COMMIT: crash ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)))
  })
  const exited = new Promise<string | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
  return { child, ready, exited }
}

describe('worker kill -9 between the database commit and the activity completion', () => {
  it('after a restart the run completes and the write exists exactly once', async () => {
    const p = makeProcess({
      entry: 'write',
      nodes: {
        write: {
          kind: 'database',
          label: 'write',
          database: 'ledger',
          operation: { op: 'insert', table: 'entries', values: { note: { expr: 'input.note' } } },
          timeout: '3s',
          retry: [{ errors: ['timeout'], maxAttempts: 3, interval: '100ms', backoffRate: 1, jitter: 'none' }],
        },
        done: { kind: 'return', label: 'done', value: { expr: 'nodes.write' } },
      },
      edges: ['write:out>done'],
    })
    const bundle = makeBundle(p, {
      databases: { ledger: block },
      pin: { projectId: h.projectId, commitId: 'cmt_crash', environment: 'development' },
    })
    const crashing = spawnWorker(true)
    await crashing.ready
    const handle = await h.env.client.workflow.start(INTERPRET_PROCESS, {
      taskQueue: h.taskQueue,
      workflowId: `run_crash_${Date.now()}`,
      args: [{ bundle, input: { note: 'exactly once' } }],
    })
    expect(await crashing.exited).toBe('SIGKILL')
    const sql = postgres(blockUrl, { max: 1, onnotice: () => {} })
    try {
      // The write committed before the crash.
      expect((await sql`select count(*)::int as n from entries`)[0]?.n).toBe(1)
      const restarted = spawnWorker(false)
      await restarted.ready
      const output = (await handle.result()) as { id: number; note: string }
      expect(output.note).toBe('exactly once')
      const rows = await sql`select id, note from entries`
      expect(rows).toHaveLength(1)
      expect(Number(rows[0]?.id)).toBe(output.id)
      expect((await sql.unsafe(`select count(*)::int as n from ${IDEMPOTENCY_TABLE}`))[0]?.n).toBe(1)
      restarted.child.kill('SIGTERM')
      await restarted.exited
    } finally {
      await sql.end()
    }
  }, 90_000)
})
