import type { Problem } from '../lib/problems'
import { createValidationClient, serveValidationRequests, type ValidateProjectOptions } from '../lib/validation'
import { startTsxWorker, tsxWorkerPort } from './tsx-worker'

const marker = 'backplaneValidationWorker'

export type ValidationWorker = {
  /** Validates off the main thread; same result as validateProject. */
  validate(files: Record<string, string>, options?: ValidateProjectOptions): Promise<Problem[]>
  /** Terminates the thread; pending validations reject. */
  close(): Promise<void>
}

/**
 * Starts a worker thread running validateProject (this same file, loaded through tsx), so the CLI and the server
 * never block their event loop on a large project (spec validation alone can take seconds). One worker keeps its
 * compiled validators warm across calls.
 */
export function startValidationWorker(): ValidationWorker {
  const worker = startTsxWorker(import.meta.url, marker)
  const client = createValidationClient({
    postMessage: (m) => worker.postMessage(m),
    onMessage: (listener) => worker.on('message', listener),
  })
  worker.on('error', (e) => client.rejectAll(`validation worker crashed: ${e.message}`))
  worker.on('exit', (code) => client.rejectAll(`validation worker exited (${code})`))
  // An idle worker must not keep the process alive (a CLI exits when its work is done).
  worker.unref()
  return {
    validate: (files, options) => {
      worker.ref()
      return client.validate(files, options).finally(() => {
        if (client.pending() === 0) worker.unref()
      })
    },
    close: async () => {
      await worker.terminate()
    },
  }
}

// Inside the worker thread: answer requests.
const port = tsxWorkerPort(marker)
if (port) {
  serveValidationRequests({
    postMessage: (m) => port.postMessage(m),
    onMessage: (listener) => port.on('message', listener),
  })
}
