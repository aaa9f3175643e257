import { fileURLToPath } from 'node:url'
import type { Duration } from '@temporalio/common'
import { bundleWorkflowCode, type NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker'
import type { RuntimeActivities } from './activities/runtime-activities'

/** Entry of the workflow bundle (every workflow type the worker registers). */
export const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url))

/** Bundles the workflows once (webpack, ≈ 3 s); production loads a bundle written ahead by `bundle-workflows.ts`. */
export async function bundleWorkflows(): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath, logger: quietLogger })
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
}

export type BackplaneWorkerOptions = {
  connection: NativeConnection
  namespace?: string
  taskQueue: string
  activities: RuntimeActivities
  /** A pre-built bundle (`{ code }` or `{ codePath }`); bundled on creation when absent. */
  workflowBundle?: WorkflowBundleOption
  /** How long a workflow stays bound to this worker's sticky queue when it stops answering (default 10 s). */
  stickyQueueScheduleToStartTimeout?: Duration
}

/** The Backplane worker: the interpreter workflow, deliveries and gates, and the runtime activities. */
export async function createBackplaneWorker(options: BackplaneWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle ?? (await bundleWorkflows()),
    activities: options.activities,
    stickyQueueScheduleToStartTimeout: options.stickyQueueScheduleToStartTimeout ?? '10s',
  })
}
