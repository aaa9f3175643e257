/**
 * A real Backplane worker in its own process for the crash test. With CRASH_AFTER_COMMIT=1 it kills itself with
 * SIGKILL right after a database write's transaction committed and before the activity reports completion.
 * Env: DATABASE_URL, TEMPORAL_ADDRESS, TASK_QUEUE, SECRET_KEY (hex), BUNDLE_PATH (pre-built workflow bundle).
 */
import { Client, Connection } from '@temporalio/client'
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker'
import { createDb } from '../../lib/db'
import { createRuntimeResolvers } from '../../lib/runtime/runtime-stores'
import { createRuntimeActivities } from '../../server/worker/activities/runtime-activities'
import { createBackplaneWorker } from '../../server/worker/create-worker'

function env(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') })
  const { db } = createDb(env('DATABASE_URL'), { max: 2 })
  const address = env('TEMPORAL_ADDRESS')
  const client = new Client({ connection: await Connection.connect({ address }) })
  const crash = process.env.CRASH_AFTER_COMMIT === '1'
  const runtime = createRuntimeActivities({
    ...createRuntimeResolvers(db, new Uint8Array(Buffer.from(env('SECRET_KEY'), 'hex'))),
    client,
    taskQueue: env('TASK_QUEUE'),
    hooks: {
      afterCommit: () => {
        if (crash) process.kill(process.pid, 'SIGKILL')
      },
    },
  })
  const worker = await createBackplaneWorker({
    connection: await NativeConnection.connect({ address }),
    taskQueue: env('TASK_QUEUE'),
    activities: runtime.activities,
    workflowBundle: { codePath: env('BUNDLE_PATH') },
    stickyQueueScheduleToStartTimeout: '1s',
  })
  process.stdout.write('ready\n')
  await worker.run()
  // SIGTERM shuts the worker down gracefully; the pools would keep the process alive otherwise.
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
