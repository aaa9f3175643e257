/**
 * `npm run worker`: the Backplane Temporal worker, its own process. Runs the one interpreter workflow (every
 * process run), deliveries and consumer gates, and the runtime activities.
 * Environment: DATABASE_URL (Backplane's database: bindings, secrets, traces, dead letters), TEMPORAL_ADDRESS
 * (127.0.0.1:7233), TEMPORAL_NAMESPACE (default), BACKPLANE_TASK_QUEUE (backplane), BACKPLANE_SECRET_KEY or
 * BACKPLANE_DATA_DIR (key file), BACKPLANE_WORKFLOW_BUNDLE (pre-built bundle; bundled at start when absent).
 */
import { existsSync } from 'node:fs'
import { Client, Connection } from '@temporalio/client'
import { NativeConnection } from '@temporalio/worker'
import { createDb } from '../lib/db'
import { createRuntimeResolvers } from '../lib/runtime/runtime-stores'
import { createRuntimeActivities } from './worker/activities/runtime-activities'
import { defaultBundlePath } from './worker/bundle-workflows'
import { createBackplaneWorker } from './worker/create-worker'
import { resolveRuntimeKey } from './worker/runtime-key'

export const DEFAULT_TASK_QUEUE = 'backplane'

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) throw new Error('DATABASE_URL is not set (npm start sets it)')
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233'
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default'
  const taskQueue = process.env.BACKPLANE_TASK_QUEUE ?? DEFAULT_TASK_QUEUE
  const key = resolveRuntimeKey({ dataDir: process.env.BACKPLANE_DATA_DIR ?? 'data' })
  const { db, close } = createDb(databaseUrl, { max: 5, applicationName: 'backplane-worker' })
  const client = new Client({ connection: await Connection.connect({ address }), namespace })
  const runtime = createRuntimeActivities({ ...createRuntimeResolvers(db, key), client, taskQueue })
  const bundlePath = defaultBundlePath()
  const worker = await createBackplaneWorker({
    connection: await NativeConnection.connect({ address }),
    namespace,
    taskQueue,
    activities: runtime.activities,
    ...(existsSync(bundlePath) ? { workflowBundle: { codePath: bundlePath } } : {}),
  })
  console.log(`worker: polling ${taskQueue} on ${address} (${namespace})`)
  // The SDK shuts the worker down gracefully on SIGINT/SIGTERM; run() resolves once in-flight tasks are done.
  await worker.run()
  await runtime.close()
  await close()
  process.exit(0)
}

main().catch((error) => {
  console.error('worker:', error)
  process.exit(1)
})
