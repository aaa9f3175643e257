import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import type { Client } from '@temporalio/client'
import type { Worker } from '@temporalio/worker'
import { eq } from 'drizzle-orm'
import postgres from 'postgres'
import { createDb, type Db, migrate } from '../../lib/db'
import { startCollabServer } from '../../server/collab/start-collab-server'
import { buildWebIfStale } from '../../server/start/build-web'
import { freePort, stopChild, waitFor } from '../setup/wait'
import { createTestDatabase, TEST_TEMPORAL_NAMESPACE, testPostgresUrl, testTemporalAddress } from './env'

const root = resolve(import.meta.dirname, '..', '..')

export interface WebStack {
  baseUrl: string
  collabUrl: string
  databaseUrl: string
  secret: string
  /** With `{ runtime: true }`: what the web process and its worker share. */
  runtime?: WebRuntime
  stop(): Promise<void>
}

export interface WebRuntime {
  /** `host:port` of the run's Temporal dev server (namespace `default`). */
  temporalAddress: string
  /** The task queue of this stack's worker (unique per stack). */
  taskQueue: string
  /** BACKPLANE_SECRET_KEY as given to the web process (base64) and its bytes. */
  secretKey: string
  key: Uint8Array
  /** Where unbound SQL blocks get their own database (BACKPLANE_PROVISION_URL): the run's PostgreSQL. */
  provisionUrl: string
  /** BACKPLANE_PROVISION_TAG: unique per stack, so two stacks importing the same example never share a database. */
  provisionTag: string
  /** A client of the same Temporal server, for assertions. */
  client: Client
}

export interface WebStackOptions {
  /**
   * Also run the runtime: the web process gets TEMPORAL_ADDRESS, a unique BACKPLANE_TASK_QUEUE, a
   * BACKPLANE_SECRET_KEY and BACKPLANE_PROVISION_URL, and a real worker (the real activities and workflow bundle,
   * in this test process, as tests/runtime does) polls that task queue. Block databases it provisioned are dropped
   * on stop.
   */
  runtime?: boolean
}

type RunningWorker = { worker: Worker; running: Promise<void>; close(): Promise<void> }

/**
 * The real product for end-to-end tests: a fresh database on the run's PostgreSQL (migrated), the collab server
 * and `next start` on the production build (built first when stale), all on free loopback ports.
 */
export async function startWebStack(name: string, options: WebStackOptions = {}): Promise<WebStack> {
  buildWebIfStale(root, () => {})
  const database = await createTestDatabase(name)
  const { db, close } = createDb(database.url, { max: 4 })
  await migrate(db)
  const secret = randomBytes(32).toString('hex')
  const runtime = options.runtime ? await startRuntime(name, database.url) : undefined
  const collab = await startCollabServer({ db, secret, port: 0, recheckIntervalMs: 1_000 })
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const web: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'node_modules', 'next', 'dist', 'bin', 'next'),
      'start',
      '--hostname',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        BACKPLANE_AUTH_SECRET: secret,
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: baseUrl,
        COLLAB_PUBLIC_URL: collab.url,
        NEXT_TELEMETRY_DISABLED: '1',
        ...(runtime
          ? {
              TEMPORAL_ADDRESS: runtime.info.temporalAddress,
              TEMPORAL_NAMESPACE: TEST_TEMPORAL_NAMESPACE,
              BACKPLANE_TASK_QUEUE: runtime.info.taskQueue,
              BACKPLANE_SECRET_KEY: runtime.info.secretKey,
              BACKPLANE_PROVISION_URL: runtime.info.provisionUrl,
              BACKPLANE_PROVISION_TAG: runtime.info.provisionTag,
            }
          : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  // BACKPLANE_TEST_WEB_LOG=1 shows the web process's own log (route errors are logged there, not answered).
  const echo = process.env.BACKPLANE_TEST_WEB_LOG === '1'
  web.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    if (echo) process.stderr.write(chunk)
  })
  web.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    if (echo) process.stderr.write(chunk)
  })
  await waitFor(
    async () => {
      if (web.exitCode !== null) throw new Error(`next start exited (${web.exitCode}):\n${output}`)
      const response = await fetch(`${baseUrl}/signin`).catch(() => null)
      return response?.ok === true
    },
    { timeoutMs: 60_000, what: 'the web app' },
  )
  return {
    baseUrl,
    collabUrl: collab.url,
    databaseUrl: database.url,
    secret,
    ...(runtime ? { runtime: runtime.info } : {}),
    async stop() {
      await stopChild(web, 'SIGTERM')
      if (runtime) await runtime.stop(db)
      await collab.stop()
      await close()
      await database.drop()
    },
  }
}

async function startRuntime(
  name: string,
  databaseUrl: string,
): Promise<{ info: WebRuntime; stop(db: Db): Promise<void> }> {
  // Loaded only for { runtime: true }: stacks without it never load the Temporal SDK.
  const { Client, Connection } = await import('@temporalio/client')
  const { DefaultLogger, Runtime } = await import('@temporalio/worker')
  const { parseSecretKey } = await import('../../lib/runtime')
  try {
    // Worker state changes at INFO level drown test output; warnings and errors still show.
    Runtime.install({ logger: new DefaultLogger('WARN') })
  } catch {
    // already installed in this process
  }
  const temporalAddress = testTemporalAddress()
  const taskQueue = `web-${name}-${randomBytes(4).toString('hex')}`
  const secretKey = randomBytes(32).toString('base64')
  const key = parseSecretKey(secretKey)
  const connection = await Connection.connect({ address: temporalAddress })
  const client = new Client({ connection, namespace: TEST_TEMPORAL_NAMESPACE })
  const worker = await startWorker({ databaseUrl, temporalAddress, taskQueue, key, client })
  const provisionTag = `t${randomBytes(3).toString('hex')}`
  const info: WebRuntime = {
    temporalAddress,
    taskQueue,
    secretKey,
    key,
    provisionUrl: testPostgresUrl(),
    provisionTag,
    client,
  }
  return {
    info,
    async stop(db) {
      worker.worker.shutdown()
      await worker.running
      await worker.close()
      await connection.close()
      await dropProvisionedDatabases(db, provisionTag)
    },
  }
}

async function startWorker(options: {
  databaseUrl: string
  temporalAddress: string
  taskQueue: string
  key: Uint8Array
  client: Client
}): Promise<RunningWorker> {
  const { NativeConnection } = await import('@temporalio/worker')
  const { createRuntimeResolvers } = await import('../../lib/runtime')
  const { createRuntimeActivities } = await import('../../server/worker/activities/runtime-activities')
  const { createBackplaneWorker } = await import('../../server/worker/create-worker')
  const { db, close } = createDb(options.databaseUrl, { max: 5, applicationName: 'backplane-worker' })
  const runtime = createRuntimeActivities({
    ...createRuntimeResolvers(db, options.key),
    client: options.client,
    taskQueue: options.taskQueue,
  })
  const native = await NativeConnection.connect({ address: options.temporalAddress })
  const worker = await createBackplaneWorker({
    connection: native,
    namespace: TEST_TEMPORAL_NAMESPACE,
    taskQueue: options.taskQueue,
    activities: runtime.activities,
    stickyQueueScheduleToStartTimeout: '1s',
  })
  const running = worker.run()
  return {
    worker,
    running,
    async close() {
      await runtime.close()
      await native.close()
      await close()
    },
  }
}

/** Drops the databases the stack's deployments gave unbound SQL blocks (managed bindings), on the run's server. */
async function dropProvisionedDatabases(db: Db, tag: string): Promise<void> {
  const { blockDatabaseName, databaseBindings } = await import('../../lib/runtime')
  const managed = await db
    .select({
      projectId: databaseBindings.projectId,
      environment: databaseBindings.environment,
      database: databaseBindings.database,
    })
    .from(databaseBindings)
    .where(eq(databaseBindings.managed, true))
  if (managed.length === 0) return
  const sql = postgres(testPostgresUrl(), { max: 1, onnotice: () => {} })
  try {
    for (const m of managed) {
      const name = blockDatabaseName({ projectId: m.projectId, environment: m.environment }, m.database, tag)
      await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    }
  } finally {
    await sql.end()
  }
}
