import { randomBytes } from 'node:crypto'
import { TestWorkflowEnvironment } from '@temporalio/testing'
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker'
import { createDb, type Db, migrate, organizations, projects } from '../../lib/db'
import { createRuntimeResolvers } from '../../lib/runtime/runtime-stores'
import { ensureEnvironments } from '../../lib/runtime/secrets'
import { createRuntimeActivities, type RuntimeDeps } from '../../server/worker/activities/runtime-activities'
import { bundleWorkflows, createBackplaneWorker } from '../../server/worker/create-worker'
import { createTestDatabase, type TestDatabase, testTemporalAddress } from '../harness/env'

// Worker state changes at INFO level drown test output; warnings and errors still show.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') })
} catch {
  // already installed in this process
}

let bundle: Promise<{ code: string }> | undefined
/** One workflow bundle per test file (webpack takes seconds). */
export function sharedBundle(): Promise<{ code: string }> {
  bundle ??= bundleWorkflows()
  return bundle
}

export type RuntimeHarness = {
  db: Db
  database: TestDatabase
  env: TestWorkflowEnvironment
  taskQueue: string
  key: Uint8Array
  projectId: string
  /** Absent with `{ worker: false }` (the test runs its own worker processes). */
  worker: Worker | undefined
  /** Starts a second, independent database (a bound SQL block's PostgreSQL). */
  blockDatabase(prefix: string): Promise<TestDatabase>
  stop(): Promise<void>
}

/**
 * A real Backplane runtime for one test file: a fresh database with Backplane's and the runtime's tables, one
 * project with both environments, the real Temporal dev server and a worker with the real activities on a task
 * queue of its own.
 */
export async function startRuntimeHarness(
  name: string,
  options: { hooks?: RuntimeDeps['hooks']; worker?: boolean } = {},
): Promise<RuntimeHarness> {
  const database = await createTestDatabase(name)
  const connection = createDb(database.url, { max: 4 })
  const db = connection.db
  // drizzle/ migrations create Backplane's tables, the web app's and the runtime's.
  await migrate(db)
  const projectId = `prj_${randomBytes(8).toString('hex')}`
  await db.insert(organizations).values({ id: `org_${randomBytes(8).toString('hex')}`, name: 'test' })
  const [org] = await db.select().from(organizations)
  await db.insert(projects).values({ id: projectId, orgId: org?.id ?? '', name: 'shop' })
  await ensureEnvironments(db, projectId)
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address: testTemporalAddress() })
  const taskQueue = `${name}-${randomBytes(4).toString('hex')}`
  const key = new Uint8Array(randomBytes(32))
  const runtime = createRuntimeActivities({
    ...createRuntimeResolvers(db, key),
    client: env.client,
    taskQueue,
    ...(options.hooks ? { hooks: options.hooks } : {}),
  })
  const worker =
    options.worker === false
      ? undefined
      : await createBackplaneWorker({
          connection: env.nativeConnection,
          taskQueue,
          activities: runtime.activities,
          workflowBundle: await sharedBundle(),
          stickyQueueScheduleToStartTimeout: '1s',
        })
  const running = worker ? worker.run() : Promise.resolve()
  const extra: TestDatabase[] = []
  return {
    db,
    database,
    env,
    taskQueue,
    key,
    projectId,
    worker,
    async blockDatabase(prefix) {
      const d = await createTestDatabase(prefix)
      extra.push(d)
      return d
    },
    async stop() {
      if (worker) {
        worker.shutdown()
        await running
      }
      await runtime.close()
      await env.teardown()
      await connection.close()
      for (const d of extra) await d.drop()
      await database.drop()
    },
  }
}
