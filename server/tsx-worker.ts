import { parentPort, Worker, workerData } from 'node:worker_threads'

/**
 * Starts `moduleUrl` (a TypeScript module of ours) as a worker thread marked `marker`. The worker is a fresh
 * isolate: it needs tsx's loader to run TypeScript, whoever started the parent.
 */
export function startTsxWorker(moduleUrl: string | URL, marker: string): Worker {
  return new Worker(new URL(moduleUrl), { workerData: { [marker]: true }, execArgv: ['--import', 'tsx'] })
}

/**
 * Inside a worker started by `startTsxWorker(…, marker)`: its port to the parent, else null. The marker keeps other
 * worker threads that import the module (a test runner's pool, say) from serving.
 */
export function tsxWorkerPort(marker: string): NonNullable<typeof parentPort> | null {
  return parentPort && (workerData as Record<string, unknown> | null)?.[marker] === true ? parentPort : null
}
